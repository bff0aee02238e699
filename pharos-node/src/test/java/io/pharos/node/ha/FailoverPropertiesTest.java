package io.pharos.node.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.node.raft.RaftRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariant 1 against any order of events and any clock jumps: whatever happens, this node holds the VIP or
 * runs the services only (a) at least the takeover wait after it last became leader, and (b) while a lease
 * round it started since then, and confirmed, covers now with the drop margin to spare. The effects it emits
 * are replayed on a model of the node so that what it believes it holds is what it actually asked for.
 */
class FailoverPropertiesTest {
    private static final HaTiming T = HaTiming.DEFAULT;
    private static final Vip A = Vip.parse("10.0.0.100/24");
    private static final Vip B = Vip.parse("10.0.0.200/24");

    record Action(int kind, int advanceMillis, int pick, boolean flag) {}

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Integer> advance = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.integers().between(0, 60)),
                Tuple.of(2, Arbitraries.integers().between(60, 400)),
                Tuple.of(1, Arbitraries.integers().between(400, 6000)));
        // Weighted so that a good share of runs gets elected, confirmed and started, and so serves.
        Arbitrary<Integer> kind = Arbitraries.frequency(Tuple.of(30, 0), Tuple.of(25, 5), Tuple.of(4, 7),
                Tuple.of(5, 4), Tuple.of(3, 8), Tuple.of(6, 9), Tuple.of(3, 10), Tuple.of(2, 11), Tuple.of(2, 12),
                Tuple.of(1, 13));
        Arbitrary<Action> action = Combinators.combine(kind, advance,
                Arbitraries.integers().between(0, 1000), Arbitraries.of(true, false)).as(Action::new);
        return action.list().ofMinSize(1).ofMaxSize(300);
    }

    @Property(tries = 600, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
    void holdsNothingWithoutAFreshLease(@ForAll("actions") List<Action> drawn, @ForAll boolean fence,
                                        @ForAll boolean electedFirst) {
        List<Action> actions = new ArrayList<>(drawn);
        if (electedFirst) actions.addFirst(new Action(4, 0, 0, true));
        long now = 5_000_000_000L;
        Failover failover = new Failover(T, "n1", fence, now);
        List<Long> pending = new ArrayList<>();
        List<long[]> confirmed = new ArrayList<>(); // {startedAt}
        long leaderSince = Long.MIN_VALUE;
        RaftRole role = RaftRole.NO_LEADER;
        long fenceEpisode = 0;
        long transferEpisode = 0;
        Vip modelVip = null;
        boolean modelServices = false;
        boolean servedAtAll = false;
        for (Action a : actions) {
            now += Duration.ofMillis(a.advanceMillis()).toNanos();
            HaEvent event = switch (a.kind()) {
                case 0, 1, 2, 3 -> new HaEvent.Tick(a.pick() % 5 == 0 ? Optional.of(B) : a.pick() % 7 == 0
                        ? Optional.empty() : Optional.of(A));
                case 4 -> new HaEvent.RoleChanged(a.flag() ? RaftRole.LEADER_READY : RaftRole.values()[a.pick() % 4],
                        a.flag() ? "n1" : "n2");
                case 5, 6 -> pending.isEmpty() ? new HaEvent.Tick(Optional.of(A))
                        : new HaEvent.LeaseConfirmed(pending.remove(a.pick() % pending.size()));
                case 7 -> pending.isEmpty() ? new HaEvent.Tick(Optional.of(A))
                        : new HaEvent.LeaseFailed(pending.remove(a.pick() % pending.size()), "lost");
                case 8 -> new HaEvent.FenceFinished(fenceEpisode, a.flag(), "exit");
                case 9 -> a.pick() % 5 != 0 ? new HaEvent.ServicesStarted()
                        : new HaEvent.EffectFailed(new HaEffect.AddVip(A), "no such device");
                case 10 -> new HaEvent.HealthReported(a.flag() ? ServiceHealth.HEALTHY
                        : ServiceHealth.of(new ServiceHealth.Problem("dhcp", "socket closed")));
                case 11 -> new HaEvent.TransferFinished(transferEpisode, a.flag(), "transfer");
                case 12 -> a.flag() ? new HaEvent.StepDownRequested("test") : new HaEvent.ActiveRequested("test");
                default -> a.pick() % 50 == 0 ? new HaEvent.Shutdown() : new HaEvent.Tick(Optional.of(A));
            };
            if (event instanceof HaEvent.RoleChanged r) {
                if (r.role() == RaftRole.LEADER_READY && role != RaftRole.LEADER_READY) leaderSince = now;
                role = r.role();
            }
            if (event instanceof HaEvent.LeaseConfirmed c) confirmed.add(new long[] {c.startedAt()});
            boolean acquiredWithoutLease = false;
            for (HaEffect effect : failover.step(now, event)) {
                switch (effect) {
                    case HaEffect.ConfirmLease c -> {
                        assertEquals(now, c.startedAt());
                        pending.add(c.startedAt());
                    }
                    case HaEffect.AddVip add -> modelVip = add.vip();
                    case HaEffect.DropVip drop -> {
                        assertEquals(modelVip, drop.vip(), "drops the VIP it added");
                        modelVip = null;
                    }
                    case HaEffect.StartServices s -> modelServices = true;
                    case HaEffect.StopServices s -> modelServices = false;
                    case HaEffect.RunFence f -> fenceEpisode = f.episode();
                    case HaEffect.TransferLeadership t -> transferEpisode = t.episode();
                    default -> { }
                }
                // Taken and given back in one step (an activation that failed at once) is fine; kept is not.
                if (effect.acquires() && !failover.mayServe(now)) acquiredWithoutLease = true;
            }
            if (acquiredWithoutLease)
                assertTrue(modelVip == null && !modelServices, "acquired without a lease and kept it");
            assertEquals(Optional.ofNullable(modelVip), failover.heldVip(), "held VIP");
            assertEquals(modelServices, failover.servicesRunning(), "services");
            if (modelVip != null || modelServices) {
                servedAtAll = true;
                final long at = now;
                final long since = leaderSince;
                assertEquals(RaftRole.LEADER_READY, role, "holds while not leader");
                assertTrue(at - since >= T.takeoverWait().toNanos(), "serves before the old lease surely ended");
                assertTrue(confirmed.stream().anyMatch(c -> c[0] - since >= 0
                                && c[0] + T.leaseDuration().toNanos() - T.dropMargin().toNanos() - at > 0),
                        "holds without a round of this leadership covering now");
            }
        }
        Statistics.label("served").collect(servedAtAll);
    }
}
