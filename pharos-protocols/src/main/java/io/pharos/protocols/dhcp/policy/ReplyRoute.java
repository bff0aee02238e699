package io.pharos.protocols.dhcp.policy;

import io.pharos.core.net.Ipv4;
import io.pharos.protocols.dhcp.DhcpMessage;

/**
 * Where a reply goes (RFC 2131 §4.1). The adapter maps each case to a socket and port: a relay listens on
 * the server port, a client on the client port.
 */
public sealed interface ReplyRoute {
    /** To the relay agent that forwarded the request, on the server port (RFC 2131 §4.1, RFC 1542 §4.1). */
    record ViaRelay(Ipv4 relay) implements ReplyRoute {}

    /** To a client that already has an address (ciaddr), on the client port. */
    record Unicast(Ipv4 client) implements ReplyRoute {}

    /**
     * To 255.255.255.255 on the client port, out of the interface the request came in on. RFC 2131 §4.1 would
     * unicast to yiaddr and chaddr when the broadcast bit is clear, but that needs an ARP entry Java cannot
     * set; every client must accept a broadcast reply.
     */
    record Broadcast() implements ReplyRoute {}

    static ReplyRoute forReply(DhcpMessage request, boolean nak) {
        if (!request.giaddr().isAny()) return new ViaRelay(request.giaddr());
        // A NAK tells the client its address is wrong, so it must not be sent to that address (RFC 2131 §4.1).
        if (!nak && !request.ciaddr().isAny()) return new Unicast(request.ciaddr());
        return new Broadcast();
    }
}
