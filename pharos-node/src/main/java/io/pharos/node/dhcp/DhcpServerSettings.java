package io.pharos.node.dhcp;

import io.pharos.core.net.Ipv4;
import io.pharos.protocols.dhcp.policy.DhcpPolicySettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Node-local DHCP server settings.
 *
 * @param listen         where requests arrive (--dhcp-address): 0.0.0.0:67 listens on every serving interface;
 *                       its port is the server port, which relays also listen on (RFC 2131 §4.1)
 * @param clientPort     where clients listen (68; RFC 2131 §4.1); another value only for tests
 * @param interfaces     interfaces served directly (--dhcp-interfaces); empty: every up non-loopback IPv4
 *                       interface. A loopback interface is served only when named.
 * @param advertise      this server as clients must see it (option 54, next-server, boot URLs), normally the
 *                       VIP (--advertise-address); null: the address of the interface a request arrived on
 * @param policy         the decisions' settings: boot file names, HTTP port, offer hold, decline quarantine
 * @param maxInFlight    commits outstanding at once; requests beyond are dropped and counted, the client retries
 * @param leaseRetention how long an ended lease is kept (for affinity and the API) before it is purged
 * @param purgeInterval  how often to look for leases to purge
 */
public record DhcpServerSettings(InetSocketAddress listen, int clientPort, List<String> interfaces, Ipv4 advertise,
                                 DhcpPolicySettings policy, int maxInFlight,
                                 Duration leaseRetention, Duration purgeInterval) {
    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;

    public DhcpServerSettings {
        Objects.requireNonNull(listen, "listen");
        interfaces = List.copyOf(interfaces);
        Objects.requireNonNull(policy, "policy");
        if (clientPort < 1 || clientPort > 65535) throw new IllegalArgumentException("DHCP client port must be 1..65535");
        if (maxInFlight < 1) throw new IllegalArgumentException("DHCP maxInFlight must be at least 1");
        if (leaseRetention.isNegative()) throw new IllegalArgumentException("DHCP lease retention must not be negative");
        if (purgeInterval.isNegative() || purgeInterval.isZero()) throw new IllegalArgumentException("DHCP purge interval must be positive");
    }

    /** The shared contract's defaults: 0.0.0.0:67, every interface, 1 day retention. */
    public static DhcpServerSettings defaults() {
        return new DhcpServerSettings(new InetSocketAddress("0.0.0.0", SERVER_PORT), CLIENT_PORT, List.of(), null,
                DhcpPolicySettings.DEFAULTS, 4096, Duration.ofDays(1), Duration.ofHours(1));
    }

    public DhcpServerSettings withListen(InetSocketAddress value) {
        return new DhcpServerSettings(value, clientPort, interfaces, advertise, policy, maxInFlight, leaseRetention, purgeInterval);
    }

    public DhcpServerSettings withClientPort(int value) {
        return new DhcpServerSettings(listen, value, interfaces, advertise, policy, maxInFlight, leaseRetention, purgeInterval);
    }

    public DhcpServerSettings withInterfaces(List<String> value) {
        return new DhcpServerSettings(listen, clientPort, value, advertise, policy, maxInFlight, leaseRetention, purgeInterval);
    }

    public DhcpServerSettings withAdvertise(Ipv4 value) {
        return new DhcpServerSettings(listen, clientPort, interfaces, value, policy, maxInFlight, leaseRetention, purgeInterval);
    }

    public DhcpServerSettings withPolicy(DhcpPolicySettings value) {
        return new DhcpServerSettings(listen, clientPort, interfaces, advertise, value, maxInFlight, leaseRetention, purgeInterval);
    }

    public DhcpServerSettings withPurge(Duration retention, Duration interval) {
        return new DhcpServerSettings(listen, clientPort, interfaces, advertise, policy, maxInFlight, retention, interval);
    }

    public int serverPort() {
        return listen.getPort();
    }
}
