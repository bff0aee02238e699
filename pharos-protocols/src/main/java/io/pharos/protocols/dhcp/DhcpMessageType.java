package io.pharos.protocols.dhcp;

import java.util.Optional;

/**
 * Values of option 53 (RFC 2132 §9.6), plus FORCERENEW (RFC 3203) and the leasequery replies
 * (RFC 4388). A value outside this list decodes fine; {@link DhcpMessage#messageType()} is then empty
 * and the server drops the packet.
 */
public enum DhcpMessageType {
    DISCOVER(1),
    OFFER(2),
    REQUEST(3),
    DECLINE(4),
    ACK(5),
    NAK(6),
    RELEASE(7),
    INFORM(8),
    FORCERENEW(9),
    LEASEQUERY(10),
    LEASEUNASSIGNED(11),
    LEASEUNKNOWN(12),
    LEASEACTIVE(13);

    private static final DhcpMessageType[] BY_CODE = new DhcpMessageType[14];

    static {
        for (DhcpMessageType type : values()) BY_CODE[type.code] = type;
    }

    private final int code;

    DhcpMessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<DhcpMessageType> of(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.of(BY_CODE[code]) : Optional.empty();
    }

    /** The RFC spelling used in logs, e.g. DHCPDISCOVER. */
    public String wireName() {
        return "DHCP" + name();
    }
}
