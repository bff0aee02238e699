package io.pharos.node;

import io.pharos.core.command.CommandLog;
import io.pharos.core.net.Ipv4;
import io.pharos.core.state.State;
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
    public void start() throws Exception {
        DhcpServer next = new DhcpServer(state, log, DhcpServerSettings.defaults()
                .withListen(settings.dhcpAddress())
                .withInterfaces(settings.dhcpInterfaces())
                .withAdvertise(advertise.get())
                .withPolicy(DhcpPolicySettings.DEFAULTS.withHttpPort(httpPort)), clock, mayServe);
        next.start();
        server = next;
        out.println("  dhcp  " + next.localAddresses().stream().map(PharosServer::hostPort).toList() + "/udp"
                + (settings.dhcpInterfaces().isEmpty() ? " (every up IPv4 interface)"
                : " (interfaces " + String.join(",", settings.dhcpInterfaces()) + ")"));
    }

    @Override
    public void stop() {
        DhcpServer current = server;
        if (current != null) current.close();
    }

    @Override
    public Optional<String> problem() {
        DhcpServer current = server;
        return current == null || current.isRunning() ? Optional.empty()
                : Optional.of("the DHCP server stopped receiving (socket closed)");
    }

    /** Counters of the current (or last) server, for /stats. */
    Object stats() {
        DhcpServer current = server;
        return current == null ? "not active on this node" : current.stats();
    }
}
