package io.pharos.node.dhcp;

import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
import io.pharos.core.command.Result;
import io.pharos.core.net.Ipv4;
import io.pharos.protocols.dhcp.DhcpCodec;
import io.pharos.protocols.dhcp.DhcpMessage;
import io.pharos.protocols.dhcp.DhcpMessageType;
import io.pharos.protocols.dhcp.policy.Decision;
import io.pharos.protocols.dhcp.policy.DhcpPolicy;
import io.pharos.protocols.dhcp.policy.ReplyRoute;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the policy's decisions: sends replies, and for bindings submits the command and sends the
 * ACK (or the NAK if apply refused it) only from the commit's completion, never from the receive loop, so
 * hundreds of commits are in flight together and the log can batch them (invariant 2: no ACK before commit).
 *
 * <p>The reply to a commit goes through the {@link ReplyOutbox}: the receive loop sends it, woken once per
 * committed batch. The NAK is encoded only when apply refuses the lease, which is rare.
 */
final class DhcpResponder {
    private static final Logger log = LoggerFactory.getLogger(DhcpResponder.class);

    private record Outbound(DatagramChannel channel, InetSocketAddress target, byte[] bytes) {}

    private final CommandLog commandLog;
    private final DhcpPolicy policy;
    private final DhcpServerSettings settings;
    private final DhcpSockets sockets;
    private final DhcpCounters counters;
    private final WarnLimiter warnings;
    private final BooleanSupplier mayServe;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ReplyOutbox outbox = new ReplyOutbox();
    private final InetSocketAddress broadcast;
    /** Set when the server stops: commits that complete afterwards get no reply (the sockets are closing). */
    private volatile boolean stopped;

    DhcpResponder(CommandLog commandLog, DhcpPolicy policy, DhcpServerSettings settings, DhcpSockets sockets,
                  DhcpCounters counters, WarnLimiter warnings, BooleanSupplier mayServe) {
        this.commandLog = commandLog;
        this.policy = policy;
        this.settings = settings;
        this.sockets = sockets;
        this.counters = counters;
        this.warnings = warnings;
        this.mayServe = mayServe;
        this.broadcast = new InetSocketAddress(address(Ipv4.BROADCAST), settings.clientPort());
    }

    /** Where replies to commits wait for the receive loop. */
    ReplyOutbox outbox() {
        return outbox;
    }

    /** Waits up to {@code patienceMillis} for commits in flight to be answered; later ones get no reply. */
    void stop(long patienceMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) Thread.sleep(5);
        stopped = true;
    }

    void carryOut(Decision decision, DhcpMessage request, Arrival arrival) {
        switch (decision) {
            case Decision.Reply reply -> {
                if (!active(reply.reply())) return;
                // Counted before sending, so a client that has its reply also sees it in the stats.
                count(reply.reply());
                send(prepare(reply.reply(), reply.route(), request, arrival));
                if (log.isDebugEnabled()) // the arguments cost more than the check, once per OFFER
                    log.debug("DHCP_REPLIED {} yiaddr {} to {} for xid {}", type(reply.reply()), reply.reply().yiaddr(),
                            reply.route(), Integer.toHexString(request.xid()));
            }
            case Decision.CommitThenReply commit -> bind(commit, request, arrival);
            case Decision.CommitOnly commit -> commitOnly(commit.command());
            case Decision.Ignore ignore -> ignored(ignore, arrival);
        }
    }

    private void bind(Decision.CommitThenReply commit, DhcpMessage request, Arrival arrival) {
        if (inFlight.incrementAndGet() > settings.maxInFlight()) {
            inFlight.decrementAndGet();
            policy.settled(commit);
            counters.overloaded.incrementAndGet();
            if (warnings.allow("overloaded"))
                log.warn("DHCP_OVERLOADED {} lease commits already in flight; dropping requests until the log catches up"
                        + " (clients retry). Check the cluster's health with GET /api/v1/status", settings.maxInFlight());
            return;
        }
        Outbound ack = prepare(commit.ack(), commit.ackRoute(), request, arrival);
        submit(commit.command()).whenComplete((result, error) -> {
            try {
                if (error != null) commitFailed(commit.command(), error);
                else if (result.isOk()) outbox.add(() -> {
                    // A committed lease whose ACK is dropped is not lost: the client retries, the next active answers.
                    if (stopped || !active(commit.ack())) return;
                    counters.acks.incrementAndGet();
                    send(ack);
                    if (log.isDebugEnabled())
                        log.debug("DHCP_LEASE_COMMITTED {} to {} ({}) in subnet {} until {}", commit.address(),
                                commit.command().mac(), commit.clientId(), commit.command().subnet(), commit.command().expiresAt());
                });
                else {
                    Outbound nak = prepare(commit.nak(), commit.nakRoute(), request, arrival);
                    log.info("DHCP_LEASE_REFUSED {} for {}: {}; sending DHCPNAK, the client starts over", commit.address(),
                            commit.clientId(), result instanceof Result.Refused r ? r.reason() : result);
                    outbox.add(() -> {
                        if (stopped || !active(commit.nak())) return;
                        counters.naks.incrementAndGet();
                        send(nak);
                    });
                }
            } finally {
                inFlight.decrementAndGet();
                policy.settled(commit);
            }
        });
    }

    private void commitOnly(Command command) {
        submit(command).whenComplete((result, error) -> {
            if (error != null) commitFailed(command, error);
            else if (!result.isOk()) log.debug("DHCP_COMMIT_REFUSED {}: {}", command, result);
            else if (command instanceof Command.ReleaseLease release) {
                counters.releases.incrementAndGet();
                log.debug("DHCP_LEASE_RELEASED {} by {}", release.address(), release.clientId());
            } else if (command instanceof Command.DeclineLease decline) {
                counters.declines.incrementAndGet();
                log.warn("DHCP_ADDRESS_DECLINED {} by client {}: another host uses it; it is quarantined until {}."
                        + " Find the host with `arping {}` and remove it or exclude the address from the range",
                        decline.address(), decline.clientId(), decline.quarantineUntil(), decline.address());
            }
        });
    }

    private CompletableFuture<Result> submit(Command command) {
        try {
            // No timer here: the Raft log answers every entry within its commit timeout (RaftSubmitter), one timer
            // per entry of ~30 leases, where one per request cost ~4 % of a core at 10,000 leases/s.
            return commandLog.submit(command);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void commitFailed(Command command, Throwable error) {
        counters.commitFailures.incrementAndGet();
        if (warnings.allow("commit-failed"))
            log.warn("DHCP_COMMIT_FAILED {} was not committed: {}; no reply sent, the client will retry."
                    + " If this repeats, check that this node is the leader with a quorum (GET /api/v1/status)",
                    command.getClass().getSimpleName(), cause(error).toString());
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private void ignored(Decision.Ignore ignore, Arrival arrival) {
        counters.ignored(ignore.reason());
        switch (ignore.reason()) {
            case POOL_EXHAUSTED -> {
                if (warnings.allow("pool-exhausted:" + ignore.detail()))
                    log.warn("DHCP_POOL_EXHAUSTED subnet '{}' has no free address; clients there get none. Add a range"
                            + " (PUT /api/v1/subnets/{}), shorten the lease time, or delete stale leases", ignore.detail(), ignore.detail());
            }
            case NO_SUBNET -> {
                if (warnings.allow("no-subnet"))
                    log.info("DHCP_NO_SUBNET request from {} ignored: {}", arrival.from(), ignore.detail());
            }
            default -> log.debug("DHCP_IGNORED {} from {}: {}", ignore.reason().id(), arrival.from(), ignore.detail());
        }
    }

    /**
     * RFC 2131 §4.1: a relay on the server port, a bound client on the client port, everything else by
     * broadcast out of the interface the request came in on, through that interface address's socket.
     */
    private Outbound prepare(DhcpMessage reply, ReplyRoute route, DhcpMessage request, Arrival arrival) {
        byte[] bytes = DhcpCodec.encode(reply, request.maxMessageSize().orElse(DhcpCodec.DEFAULT_MAX_MESSAGE_SIZE));
        DatagramChannel arrivedOn = arrival.endpoint().channel();
        return switch (route) {
            case ReplyRoute.ViaRelay relay -> new Outbound(arrivedOn,
                    new InetSocketAddress(address(relay.relay()), settings.serverPort()), bytes);
            case ReplyRoute.Unicast unicast -> new Outbound(arrivedOn,
                    new InetSocketAddress(address(unicast.client()), settings.clientPort()), bytes);
            case ReplyRoute.Broadcast ignored -> new Outbound(broadcastChannel(arrival), broadcast, bytes);
        };
    }

    private DatagramChannel broadcastChannel(Arrival arrival) {
        if (arrival.servingAddress() == null) return arrival.endpoint().channel();
        return sockets.at(arrival.servingAddress().address()).map(DhcpSockets.Endpoint::channel)
                .orElse(arrival.endpoint().channel());
    }

    /**
     * Whether this node may still answer, asked last before a reply leaves: a commit can take long, and a JVM
     * freeze can fall between deciding and sending, while the leader lease runs out and another node serves.
     */
    private boolean active(DhcpMessage reply) {
        if (mayServe.getAsBoolean()) return true;
        counters.notActive.incrementAndGet();
        if (warnings.allow("not-active"))
            log.warn("DHCP_NOT_ACTIVE dropped a {} for {} (xid {}): this node's leader lease ran out before it was sent;"
                    + " the client retries and the active node answers. If this repeats, check GET /api/v1/cluster/active",
                    type(reply), reply.yiaddr(), Integer.toHexString(reply.xid()));
        return false;
    }

    private void send(Outbound outbound) {
        try {
            if (outbound.channel().send(ByteBuffer.wrap(outbound.bytes()), outbound.target()) == 0) {
                counters.sendFailures.incrementAndGet();
                if (warnings.allow("send-full"))
                    log.warn("DHCP_SEND_FAILED the socket buffer is full, a reply to {} was dropped; the client will retry",
                            outbound.target());
            }
        } catch (IOException | RuntimeException e) {
            counters.sendFailures.incrementAndGet();
            if (warnings.allow("send-failed"))
                log.warn("DHCP_SEND_FAILED reply to {} not sent: {}; check the interface and routes to the client or relay",
                        outbound.target(), e.toString());
        }
    }

    private void count(DhcpMessage reply) {
        switch (reply.messageType().orElseThrow()) {
            case OFFER -> counters.offers.incrementAndGet();
            case NAK -> counters.naks.incrementAndGet();
            case ACK -> {
                counters.acks.incrementAndGet();
                counters.informs.incrementAndGet();
            }
            default -> { }
        }
    }

    private static String type(DhcpMessage reply) {
        return reply.messageType().map(DhcpMessageType::wireName).orElse("?");
    }

    private static InetAddress address(Ipv4 ip) {
        try {
            return InetAddress.getByAddress(ip.toBytes());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }
}
