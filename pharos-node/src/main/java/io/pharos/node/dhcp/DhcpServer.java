package io.pharos.node.dhcp;

import io.pharos.core.command.CommandLog;
import io.pharos.core.net.Ipv4;
import io.pharos.core.state.State;
import io.pharos.protocols.dhcp.policy.DhcpPolicy;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCPv4 server: a thin UDP adapter around {@link DhcpPolicy}. It serves only between {@link #start}
 * and {@link #stop}, which the composition root calls as this node becomes active and stops being so;
 * it may be started again after a stop. Reads the state, writes through the command log.
 */
public final class DhcpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DhcpServer.class);
    private static final long WARN_INTERVAL_MILLIS = 10_000;

    private final State state;
    private final CommandLog commandLog;
    private final DhcpServerSettings settings;
    private final Clock clock;
    private final DhcpPolicy policy;
    private final BooleanSupplier mayServe;
    private final DhcpCounters counters = new DhcpCounters();
    private final WarnLimiter warnings = new WarnLimiter(WARN_INTERVAL_MILLIS);
    private Running running;

    private record Running(DhcpSockets sockets, DhcpReceiver receiver, DhcpResponder responder, Thread thread,
                           ScheduledExecutorService scheduler) {}

    public DhcpServer(State state, CommandLog commandLog, DhcpServerSettings settings, Clock clock) {
        this(state, commandLog, settings, clock, () -> true);
    }

    /**
     * @param mayServe asked right before each reply leaves: false drops it (counted as "not-active"). The role
     *                 controller's lease check, so a reply decided before a freeze never goes out after the
     *                 lease ran out, when another node may already answer (ARCHITECTURE invariant 1)
     */
    public DhcpServer(State state, CommandLog commandLog, DhcpServerSettings settings, Clock clock,
                      BooleanSupplier mayServe) {
        this.mayServe = Objects.requireNonNull(mayServe, "mayServe");
        this.state = state;
        this.commandLog = commandLog;
        this.settings = settings;
        this.clock = clock;
        this.policy = new DhcpPolicy(state, settings.policy());
    }

    /** Binds the sockets and starts serving; the failure's message names the address, the reason and the fix. */
    public synchronized void start() throws BindException {
        if (running != null) return;
        List<ServingAddress> serving = servingAddresses();
        DhcpSockets sockets = DhcpSockets.open(settings.listen(), serving);
        InterfaceAttribution attribution = new InterfaceAttribution(serving, state, settings.advertise());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(named("dhcp-purge"));
        DhcpReceiver receiver;
        DhcpResponder responder = new DhcpResponder(commandLog, policy, settings, sockets, counters, warnings, mayServe);
        try {
            receiver = new DhcpReceiver(sockets, policy, responder, attribution, settings.advertise(), counters, clock);
        } catch (IOException e) {
            sockets.close();
            scheduler.shutdownNow();
            BindException failure = new BindException("DHCP_BIND_FAILED cannot watch the DHCP sockets: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
        Thread thread = Thread.ofPlatform().name("dhcp-receive").daemon().start(receiver);
        long purgeMillis = settings.purgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(new LeasePurger(state, commandLog, settings.leaseRetention(), clock),
                purgeMillis, purgeMillis, TimeUnit.MILLISECONDS);
        running = new Running(sockets, receiver, responder, thread, scheduler);
        logStart(sockets, serving, attribution);
    }

    /** Stops serving: closes the sockets and forgets offer holds; commits still in flight a second later get no reply. */
    public synchronized void stop() {
        if (running == null) return;
        Running stopping = running;
        running = null;
        stopping.receiver().stop();
        try {
            stopping.thread().join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopping.scheduler().shutdownNow();
        try {
            stopping.responder().stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopping.sockets().close();
        policy.reset();
        log.info("DHCP_STOPPED no longer serving DHCP on {}", addresses(stopping.sockets()));
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    /** The bound socket addresses (the wildcard one first); empty when stopped. */
    public synchronized List<InetSocketAddress> localAddresses() {
        return running == null ? List.of() : addresses(running.sockets());
    }

    public DhcpStats stats() {
        return counters.snapshot(policy.pendingCount());
    }

    private List<ServingAddress> servingAddresses() throws BindException {
        try {
            if (settings.listen().getAddress().isAnyLocalAddress()) return ServingInterfaces.resolve(settings.interfaces());
            return List.of(ServingInterfaces.holding(Ipv4.of(settings.listen().getAddress().getAddress(), 0)));
        } catch (SocketException | IllegalArgumentException e) {
            BindException failure = new BindException(e.getMessage().startsWith("DHCP_") ? e.getMessage()
                    : "DHCP_INTERFACE_INVALID cannot list the network interfaces: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private void logStart(DhcpSockets sockets, List<ServingAddress> serving, InterfaceAttribution attribution) {
        log.info("DHCP_LISTENING on udp {} serving {}{}", addresses(sockets),
                serving.isEmpty() ? "relayed requests only" : serving,
                settings.advertise() != null ? ", answering as " + settings.advertise() : "");
        if (!settings.listen().getAddress().isAnyLocalAddress())
            log.warn("DHCP_NO_BROADCAST listening on {} only: broadcasts from directly attached clients never reach it,"
                    + " only relayed and unicast requests do. Listen on 0.0.0.0 and pick interfaces with --dhcp-interfaces",
                    settings.listen());
        if (serving.isEmpty() && settings.advertise() == null)
            log.warn("DHCP_NO_INTERFACES no interface is served directly and no --advertise-address is set: requests cannot"
                    + " be answered. Name interfaces with --dhcp-interfaces or set --advertise-address for relayed networks");
        List<String> ambiguous = attribution.ambiguousInterfaces();
        if (!ambiguous.isEmpty())
            log.warn("DHCP_AMBIGUOUS_INTERFACE interfaces {} all have subnets, and broadcasts cannot be told apart by"
                    + " interface (Java has no IP_PKTINFO): they are answered as if from {}. Put relays in front of the"
                    + " other networks, or serve one interface with --dhcp-interfaces", ambiguous, ambiguous.getFirst());
    }

    private static List<InetSocketAddress> addresses(DhcpSockets sockets) {
        return sockets.endpoints().stream().map(DhcpSockets.Endpoint::bound).toList();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return runnable -> Thread.ofPlatform().name(prefix + "-" + next.incrementAndGet()).daemon().unstarted(runnable);
    }
}
