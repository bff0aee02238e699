package io.pharos.protocols.dhcp.policy;

import io.pharos.core.net.Ipv4;
import io.pharos.protocols.dhcp.DhcpMessage;
import java.util.Objects;

/**
 * A decoded request and what the adapter knows about its arrival.
 *
 * @param interfaceAddress the address of the interface it arrived on, or {@link Ipv4#ANY} when unknown;
 *                         selects the subnet of a directly attached client (RFC 2131 §4.3.1)
 * @param serverAddress    this server as the client must see it: option 54, next-server and the boot URL
 *                         host (the advertise address or VIP when set, else the interface address)
 */
public record Inbound(DhcpMessage message, Ipv4 interfaceAddress, Ipv4 serverAddress) {
    public Inbound {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(interfaceAddress, "interfaceAddress");
        Objects.requireNonNull(serverAddress, "serverAddress");
    }
}
