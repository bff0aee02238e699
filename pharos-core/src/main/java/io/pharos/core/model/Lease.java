package io.pharos.core.model;

import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;

/**
 * An address bound to a client. Times are epoch milliseconds decided by the leader and carried in the
 * command, never read from a clock during apply.
 *
 * @param clientId option 61 as hex, or the MAC in text when the client sent none
 */
public record Lease(Ipv4 address, Mac mac, String clientId, String hostname, String subnet,
                    long startsAt, long expiresAt, LeaseState state) {

    /** True while the address may not be given to another client. */
    public boolean holdsAddress(long now) {
        return state != LeaseState.RELEASED && expiresAt > now;
    }

    public boolean activeFor(String otherClientId, long now) {
        return state == LeaseState.BOUND && expiresAt > now && clientId.equals(otherClientId);
    }
}
