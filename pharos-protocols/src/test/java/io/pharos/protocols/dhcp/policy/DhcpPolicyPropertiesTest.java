package io.pharos.protocols.dhcp.policy;

import static io.pharos.protocols.dhcp.policy.Requests.*;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.model.Lease;
import io.pharos.core.model.LeaseState;
import io.pharos.core.model.Reservation;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import io.pharos.protocols.dhcp.DhcpMessage;
import io.pharos.protocols.dhcp.DhcpMessageType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Twelve clients compete for ten addresses in random interleavings of DISCOVER, REQUEST, RENEW,
 * INIT-REBOOT, RELEASE and DECLINE, with reservations appearing, time jumping, and commits of different
 * clients completing in any order, or timing out. Whatever happens: no address is ever believed bound by two clients, every ACKed client's
 * lease is in the state, and no address is offered while another client holds or is offered it.
 */
class DhcpPolicyPropertiesTest {
    private static final int CLIENTS = 12;
    private static final long HOLD = DhcpPolicySettings.DEFAULTS.offerHold().toMillis();

    /**
     * kind: 0 DISCOVER, 1 DISCOVER then REQUEST, 2 REQUEST the offer, 3 a commit completes, 4 RENEW,
     * 5 INIT-REBOOT, 6 RELEASE, 7 DECLINE, 8 reserve or unreserve, 9 time passes. param picks among choices.
     */
    record Step(int kind, int client, int param) {}

    private record Belief(Ipv4 address, long expiresAt) {}

    private record Offer(Ipv4 address, long until) {}

    private record InFlight(int client, Decision.CommitThenReply decision, long since, int xid) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> kinds = Arbitraries.frequency(Tuple.of(2, 0), Tuple.of(2, 1), Tuple.of(3, 2), Tuple.of(4, 3),
                Tuple.of(1, 4), Tuple.of(1, 5), Tuple.of(1, 6), Tuple.of(1, 7), Tuple.of(1, 8), Tuple.of(1, 9));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, CLIENTS - 1),
                Arbitraries.integers().between(0, 1000)).as(Step::new).list().ofMinSize(20).ofMaxSize(300)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    @Property(tries = 400)
    void oneAddressOneClient(@ForAll("steps") List<Step> steps) {
        Run run = new Run();
        run.play(steps);
        Statistics.label("acks").collect(run.acks == 0 ? "none" : run.acks < 10 ? "1-9" : "10+");
        Statistics.label("steps").collect(steps.size() / 50 * 50);
        Statistics.label("naks").collect(run.naks == 0 ? "none" : "some");
        Statistics.label("acks").coverage(c -> c.check("10+").percentage(p -> p > 20));
        Statistics.label("naks").coverage(c -> c.check("some").percentage(p -> p > 20));
    }

    private static final class Run {
        final State state = stateWith(lab());
        final SynchronousLog log = new SynchronousLog(state);
        final DhcpPolicy policy = new DhcpPolicy(state, DhcpPolicySettings.DEFAULTS);
        final Map<Integer, Belief> bound = new HashMap<>();
        final Map<Integer, Offer> offers = new HashMap<>();
        final List<InFlight> inFlight = new ArrayList<>();
        final List<String> trace = new ArrayList<>();
        int acks;
        int naks;
        /** A client acts on a reply only to its latest request (RFC 2131 §4.4.1: replies match by xid). */
        final Map<Integer, Integer> latestXid = new HashMap<>();
        long now = NOW;

        AssertionError failure(String what) {
            return new AssertionError(what + "\n  after, newest last:\n    "
                    + String.join("\n    ", trace.subList(Math.max(0, trace.size() - 60), trace.size())));
        }

        void play(List<Step> steps) {
            for (Step step : steps) {
                perform(step);
                check(step);
            }
            while (!inFlight.isEmpty()) {
                complete(0);
                check(null);
            }
        }

        void perform(Step step) {
            int c = step.client();
            Belief belief = bound.get(c);
            switch (step.kind()) {
                case 0 -> discover(c);
                case 1 -> {
                    discover(c);
                    if (offers.containsKey(c)) request(c, select(mac(c), SERVER, offers.get(c).address()));
                }
                case 2 -> { if (offers.containsKey(c)) request(c, select(mac(c), SERVER, offers.get(c).address())); }
                case 3 -> { if (!inFlight.isEmpty()) complete(step.param() % inFlight.size()); }
                case 4 -> { if (belief != null) request(c, renew(mac(c), belief.address())); }
                case 5 -> { if (belief != null) request(c, initReboot(mac(c), belief.address())); }
                case 6 -> { if (belief != null) commitOnly(c, release(mac(c), belief.address())); }
                case 7 -> { if (belief != null && step.param() % 4 == 0) commitOnly(c, decline(mac(c), belief.address())); }
                case 8 -> reserve(c, step.param());
                case 9 -> tick(List.of(0L, 1_000L, 5_000L, 11_000L, 1_800_000L, 7_200_000L).get(step.param() % 6), step.param());
                default -> throw new IllegalStateException("no step kind " + step.kind());
            }
        }

        /**
         * Time passes. The adapter gives up on a commit before its hold lapses (a stuck log); such a commit
         * may still have been applied, but the client was told nothing.
         */
        void tick(long millis, int param) {
            now += millis;
            trace.add("clock t+" + (now - NOW) / 1000 + "s");
            for (InFlight commit : List.copyOf(inFlight)) {
                if (now - commit.since() < PendingOffers.COMMIT_HOLD_MILLIS) continue;
                inFlight.remove(commit);
                Result result = param % 2 == 0 ? log.submit(commit.decision().command()).join() : null;
                trace.add("timed out " + commit.decision().command() + (result == null ? " (not applied)" : " -> " + result));
                policy.settled(commit.decision());
            }
        }

        Decision decide(DhcpMessage message) {
            Decision decision = policy.decide(inbound(message), now);
            trace.add("t+" + (now - NOW) / 1000 + "s " + message.mac().orElseThrow() + " " + message.messageType().orElseThrow()
                    + " ciaddr " + message.ciaddr() + " req " + message.requestedAddress().map(Ipv4::toString).orElse("-")
                    + " -> " + switch (decision) {
                        case Decision.Reply r -> r.reply().messageType().orElseThrow() + " " + r.reply().yiaddr();
                        case Decision.CommitThenReply c -> "commit " + c.command();
                        case Decision.CommitOnly c -> "commit " + c.command();
                        case Decision.Ignore i -> "ignore " + i.reason();
                    });
            return decision;
        }

        /** A client that DISCOVERs is in INIT (RFC 2131 §4.4.1): it has given up any address it had. */
        void discover(int c) {
            bound.remove(c);
            latestXid.merge(c, 1, Integer::sum);
            if (!(decide(Requests.discover(mac(c))) instanceof Decision.Reply reply)) return;
            Ipv4 address = reply.reply().yiaddr();
            for (Map.Entry<Integer, Offer> other : offers.entrySet())
                if (other.getKey() != c && other.getValue().address().equals(address) && other.getValue().until() > now)
                    throw failure(address + " offered to client " + c + " while held for client " + other.getKey());
            for (InFlight commit : inFlight)
                if (commit.client() != c && commit.decision().address().equals(address))
                    throw failure(address + " offered to client " + c + " while client " + commit.client() + " binds it");
            bound.forEach((other, belief) -> {
                if (other != c && belief.address().equals(address) && belief.expiresAt() > now)
                    throw failure(address + " offered to client " + c + " while bound to client " + other);
            });
            offers.put(c, new Offer(address, now + HOLD));
        }

        void request(int c, DhcpMessage message) {
            offers.remove(c);
            int xid = latestXid.merge(c, 1, Integer::sum);
            switch (decide(message)) {
                case Decision.CommitThenReply commit -> inFlight.add(new InFlight(c, commit, now, xid));
                case Decision.Reply nak -> {
                    if (nak.reply().messageType().orElseThrow() != DhcpMessageType.NAK)
                        throw failure("a REQUEST answered without a commit: " + nak);
                    bound.remove(c);
                    naks++;
                }
                case Decision.CommitOnly unexpected -> throw failure("a REQUEST that commits without reply");
                case Decision.Ignore ignored -> { }
            }
        }

        /**
         * Completes the oldest commit of the client whose commit sits at {@code index}: the log applies one
         * proposer's commands in the order submitted, while different clients' commits interleave freely.
         */
        void complete(int index) {
            int client = inFlight.get(index).client();
            InFlight commit = inFlight.stream().filter(f -> f.client() == client).findFirst().orElseThrow();
            inFlight.remove(commit);
            Result result = log.submit(commit.decision().command()).join();
            trace.add("completed " + commit.decision().command() + " -> " + result);
            policy.settled(commit.decision());
            // Bound, the state now guards the address; NAKed, the client starts over. Either way an offer of
            // the same address made meanwhile is spent.
            Offer offer = offers.get(commit.client());
            if (offer != null && offer.address().equals(commit.decision().address())) offers.remove(commit.client());
            if (latestXid.get(commit.client()) != commit.xid()) return;
            if (result.isOk()) acks++;
            else naks++;
            if (result.isOk()) bound.put(commit.client(), new Belief(commit.decision().address(), commit.decision().command().expiresAt()));
            else bound.remove(commit.client());
        }

        void commitOnly(int c, DhcpMessage message) {
            latestXid.merge(c, 1, Integer::sum);
            if (decide(message) instanceof Decision.CommitOnly commit) {
                log.submit(commit.command()).join();
                bound.remove(c);
                offers.remove(c);
            }
        }

        void reserve(int c, int slot) {
            Mac mac = mac(c);
            Command command = slot % 3 == 0 ? new Command.DeleteReservation(mac)
                    : new Command.PutReservation(new Reservation(mac, Ipv4.parse("10.0.0.95").plus(slot % 15), null, Map.of()));
            trace.add(command + " -> " + state.apply(command));
        }

        void check(Step step) {
            Map<Ipv4, Integer> owners = new HashMap<>();
            bound.forEach((c, belief) -> {
                if (belief.expiresAt() <= now) return;
                Integer other = owners.put(belief.address(), c);
                if (other != null)
                    throw failure(belief.address() + " bound to clients " + other + " and " + c + " after " + step);
                Optional<Lease> lease = state.leaseByAddress(belief.address());
                if (lease.isEmpty() || !lease.get().clientId().equals(mac(c).toString()) || lease.get().state() != LeaseState.BOUND)
                    throw failure("client " + c + " was ACKed " + belief.address() + " but the state has " + lease
                            + " after " + step);
            });
        }
    }
}
