package io.pharos.node;

import io.pharos.core.command.CommandLog;
import io.pharos.core.net.Ipv4;
import io.pharos.core.state.State;
import io.pharos.node.api.LeaseTimeWarnings;
import io.pharos.node.config.NodeSettings;
import io.pharos.node.dhcp.DhcpServer;
import io.pharos.node.dhcp.DhcpServerSettings;
import io.pharos.node.ha.ServiceSet;
import io.pharos.protocols.dhcp.policy.DhcpPolicySettings;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * DHCP as an active-only service: a new server each time this node becomes active, answering as the VIP
 * when the cluster has one (option 54 and next-server survive a failover, invariant 6).
 */
final class ActiveDhcp implements ServiceSet.Service {
    private final State state;
    private final CommandLog log;
    private final NodeSettings settings;
    private final int httpPort;
    private final Supplier<Ipv4> advertise;
    private final Clock clock;
    private final BooleanSupplier mayServe;
    private final PrintStream out;
    private volatile DhcpServer server;
    private volatile Ipv4 answeringAs;
    /** Between the role controller's start and stop: the server should be running. */
    private volatile boolean wanted;

    /** @param mayServe asked before each reply: false once the leader lease ran out, even mid-request */
    ActiveDhcp(State state, CommandLog log, NodeSettings settings, int httpPort, Supplier<Ipv4> advertise, Clock clock,
               BooleanSupplier mayServe, PrintStream out) {
        this.state = state;
        this.log = log;
        this.settings = settings;
        this.httpPort = httpPort;
        this.advertise = advertise;
        this.clock = clock;
        this.mayServe = mayServe;
        this.out = out;
    }

    @Override
    public String name() {
        return "dhcp";
    }

    @Override
    public synchronized void start() throws Exception {
        wanted = true;
        answeringAs = advertise.get();
        DhcpServer next = new DhcpServer(state, log, DhcpServerSettings.defaults()
                .withListen(settings.dhcpAddress())
                .withInterfaces(settings.dhcpInterfaces())
                .withAdvertise(answeringAs)
                .withPolicy(DhcpPolicySettings.DEFAULTS.withHttpPort(httpPort)), clock, mayServe);
        next.start();
        server = next;
        LeaseTimeWarnings.log(state);
        out.println("  dhcp  " + next.localAddresses().stream().map(PharosServer::hostPort).toList() + "/udp"
                + (settings.dhcpInterfaces().isEmpty() ? " (every up IPv4 interface)"
                : " (interfaces " + String.join(",", settings.dhcpInterfaces()) + ")"));
    }

    @Override
    public synchronized void stop() {
        wanted = false;
        close();
    }

    private void close() {
        DhcpServer current = server;
        if (current != null) current.close();
        server = null;
    }

    /**
     * Restarts a running server whose address is no longer the advertised one (a VIP set or changed by
     * `pharos cluster init` while this node is active), so option 54 and next-server name the VIP.
     */
    synchronized void followAdvertisedAddress() throws Exception {
        if (wanted && (server == null || !java.util.Objects.equals(advertise.get(), answeringAs))) {
            close();
            start();
        }
    }

    @Override
    public Optional<String> problem() {
        DhcpServer current = server;
        if (!wanted || (current != null && current.isRunning())) return Optional.empty();
        return Optional.of(current == null ? "the DHCP server could not be restarted on the new address"
                : "the DHCP server stopped receiving (socket closed)");
    }

    /** The server identifier the running server answers with (null: the receiving interface's address). */
    Ipv4 answeringAs() {
        return server == null ? null : answeringAs;
    }

    /** Counters of the current server, for /stats. */
    Object stats() {
        DhcpServer current = server;
        return current == null ? "not active on this node" : current.stats();
    }
}
