package io.pharos.node.ha;

import io.pharos.core.model.ClusterSettings;
import io.pharos.core.net.Ipv4;
import java.util.Optional;

/** The virtual IP the active node holds, with the prefix length it gets on the interface. */
public record Vip(Ipv4 address, int prefix) {
    public Vip {
        if (address == null) throw new IllegalArgumentException("a VIP needs an address");
        if (prefix < 1 || prefix > 32) throw new IllegalArgumentException("VIP prefix /" + prefix + " is not 1-32");
    }

    public static Vip parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) return new Vip(Ipv4.parse(cidr), 32);
        return new Vip(Ipv4.parse(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
    }

    /** The VIP the replicated settings name, if any (none before `pharos cluster init` or behind a balancer). */
    public static Optional<Vip> of(ClusterSettings settings) {
        if (settings == null || settings.vip() == null) return Optional.empty();
        return Optional.of(new Vip(settings.vip(), settings.vipPrefix()));
    }

    /** ADDRESS/PREFIX, as ip(8) and the hook take it. */
    public String cidr() {
        return address + "/" + prefix;
    }

    @Override
    public String toString() {
        return cidr();
    }
}
