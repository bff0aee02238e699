package io.pharos.protocols.dhcp.policy;

import io.pharos.core.model.Subnet;
import io.pharos.protocols.dhcp.DhcpMessage;

/**
 * The lease granted and its timers. The client's option 51 may shorten the subnet's lease time, never
 * lengthen it; T1 is 50 % and T2 87.5 % of the lease (RFC 2131 §4.4.5).
 */
record LeaseTimes(long seconds) {
    /** RFC 2132 §9.2: 0xffffffff means infinity, the most option 51 can say. */
    static final long INFINITE = 0xffff_ffffL;
    /** A shorter request is raised to this, so a client cannot make every exchange a log write. */
    static final long SHORTEST_REQUESTED = 60;

    static LeaseTimes grant(Subnet subnet, DhcpMessage request) {
        long offered = Math.max(1, Math.min(subnet.leaseSeconds(), INFINITE));
        long asked = request.leaseTime().orElse(offered);
        if (asked < offered) offered = Math.max(asked, Math.min(SHORTEST_REQUESTED, offered));
        return new LeaseTimes(offered);
    }

    long renewalSeconds() {
        return seconds == INFINITE ? INFINITE : seconds / 2;
    }

    long rebindingSeconds() {
        return seconds == INFINITE ? INFINITE : seconds * 7 / 8;
    }

    long expiresAt(long now) {
        return seconds == INFINITE ? Long.MAX_VALUE : now + seconds * 1000;
    }
}
