package io.pharos.protocols.dhcp.policy;

import io.pharos.core.net.Mac;
import io.pharos.protocols.dhcp.DhcpMessage;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who sent a request: its hardware address (reservations and machines are keyed by it) and the lease key,
 * option 61 as hex when present (RFC 2131 §4.2: the client identifier, if given, names the client) or else
 * the MAC as text, as {@link io.pharos.core.model.Lease#clientId()} documents.
 */
public record Client(Mac mac, String clientId) {
    public static Optional<Client> of(DhcpMessage message) {
        return message.mac().map(mac -> new Client(mac, message.clientIdentifier()
                .filter(id -> id.length > 0)
                .map(id -> HexFormat.of().formatHex(id))
                .orElse(mac.toString())));
    }
}
