package io.pharos.protocols.dhcp.policy;

import java.util.Locale;

/** Why a request got no reply and no commit; each is counted, under its kebab-case {@link #id()}. */
public enum IgnoreReason {
    /** op is BOOTREPLY: another server's answer seen on the wire. */
    NOT_A_REQUEST,
    /** No option 53: a plain BOOTP client, which Pharos does not serve. */
    NO_MESSAGE_TYPE,
    /** A message type a server does not act on (OFFER, ACK, leasequery...). */
    UNSUPPORTED_TYPE,
    /** chaddr is not a 6-byte Ethernet address, which leases and reservations are keyed by. */
    NOT_ETHERNET,
    /** No configured subnet matches giaddr, option 118, ciaddr or the receiving interface. */
    NO_SUBNET,
    /** Every address of the subnet's ranges is leased, offered or reserved. */
    POOL_EXHAUSTED,
    /** The client chose another server's offer (RFC 2131 §4.3.2, SELECTING). */
    OTHER_SERVER,
    /** INIT-REBOOT from a client we hold no record of: stay silent (RFC 2131 §4.3.2). */
    NO_RECORD,
    /** A field the message type requires is missing, e.g. option 50 in DECLINE. */
    MISSING_FIELD,
    /** RELEASE or DECLINE of an address this client does not hold. */
    NOT_CLIENTS_LEASE;

    /** The name used in stats, logs and the API, e.g. "pool-exhausted". */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
