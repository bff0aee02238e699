package io.pharos.protocols.dhcp.policy;

import io.pharos.core.model.Subnet;
import io.pharos.core.net.Ipv4;
import io.pharos.core.state.State;
import io.pharos.protocols.dhcp.DhcpMessage;
import io.pharos.protocols.dhcp.DhcpOption;
import java.util.Optional;

/** Which configured subnet a request belongs to, by the first address that names the client's network. */
final class SubnetSelector {
    /** RFC 3011: the subnet selection option, for a client or relay that names the network explicitly. */
    static final int SUBNET_SELECTION = 118;

    private SubnetSelector() {
    }

    /**
     * giaddr when relayed (RFC 2131 §4.3.1: the relay's address is on the client's network), else option 118
     * (RFC 3011 §3), else ciaddr (a bound client), else the receiving interface's address.
     */
    static Optional<Subnet> select(State state, DhcpMessage message, Ipv4 interfaceAddress) {
        Ipv4 hint = networkHint(message, interfaceAddress);
        return hint.isAny() ? Optional.empty() : state.subnetContaining(hint);
    }

    static Ipv4 networkHint(DhcpMessage message, Ipv4 interfaceAddress) {
        if (!message.giaddr().isAny()) return message.giaddr();
        Optional<Ipv4> selection = message.option(SUBNET_SELECTION).flatMap(DhcpOption::asIp);
        if (selection.isPresent()) return selection.get();
        if (!message.ciaddr().isAny()) return message.ciaddr();
        return interfaceAddress;
    }
}
