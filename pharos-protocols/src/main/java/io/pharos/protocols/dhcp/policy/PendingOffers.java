package io.pharos.protocols.dhcp.policy;

import io.pharos.core.net.Ipv4;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Addresses set aside on the leader but not (yet) in the replicated state: offers, held for a short time
 * because RFC 2131 §4.3.1 says the server SHOULD reserve an offered address so two DISCOVERs never get the
 * same one, and addresses whose BindLease is in flight, held until the commit settles. Neither is
 * replicated: a new leader starts empty, and apply refuses a double bind anyway (invariant 3).
 * Thread-safe: decisions run on the receive thread, commits settle on others.
 */
public final class PendingOffers {
    /** Longest a commit may stay in flight before its hold lapses, in case a completion never comes. */
    static final long COMMIT_HOLD_MILLIS = 60_000;
    private static final int SWEEP_EVERY = 1024;

    /** commits counts the client's BindLeases in flight for the address: a retransmitted REQUEST adds one. */
    private record Hold(String clientId, long until, int commits) {
        boolean committing() {
            return commits > 0;
        }
    }

    private final long holdMillis;
    private final Map<Ipv4, Hold> byAddress = new HashMap<>();
    private final Map<String, Ipv4> byClient = new HashMap<>();
    private int changesSinceSweep;

    public PendingOffers(Duration hold) {
        this.holdMillis = hold.toMillis();
    }

    /** Sets the address aside for the client, replacing any earlier offer to it. */
    public synchronized void offer(String clientId, Ipv4 address, long now) {
        Hold current = byAddress.get(address);
        // A client that DISCOVERs again while its REQUEST commits must not shorten the in-flight hold.
        if (current != null && current.committing() && current.clientId.equals(clientId) && current.until > now) return;
        put(clientId, address, new Hold(clientId, now + holdMillis, 0), now);
    }

    /** Holds the address until {@link #settled} while its BindLease is being committed. */
    public synchronized void committing(String clientId, Ipv4 address, long now) {
        Hold current = byAddress.get(address);
        int commits = current != null && current.clientId.equals(clientId) && current.until > now ? current.commits + 1 : 1;
        put(clientId, address, new Hold(clientId, now + Math.max(holdMillis, COMMIT_HOLD_MILLIS), commits), now);
    }

    /** The commit for this client and address finished (bound or refused): the state now decides. */
    public synchronized void settled(String clientId, Ipv4 address) {
        Hold hold = byAddress.get(address);
        if (hold == null || !hold.clientId.equals(clientId)) return;
        if (hold.commits > 1) {
            byAddress.put(address, new Hold(clientId, hold.until, hold.commits - 1));
        } else {
            byAddress.remove(address);
            byClient.remove(clientId, address);
        }
    }

    /** The address offered to this client and still held, if any. */
    public synchronized Optional<Ipv4> offeredTo(String clientId, long now) {
        Ipv4 address = byClient.get(clientId);
        if (address == null) return Optional.empty();
        Hold hold = byAddress.get(address);
        return hold != null && hold.clientId.equals(clientId) && hold.until > now ? Optional.of(address) : Optional.empty();
    }

    /** True while the address is offered to, or being bound for, a client other than this one. */
    public synchronized boolean heldByOther(Ipv4 address, String clientId, long now) {
        Hold hold = byAddress.get(address);
        return hold != null && hold.until > now && !hold.clientId.equals(clientId);
    }

    /** The client took another server's offer or gave the address back: stop holding its offer. */
    public synchronized void drop(String clientId) {
        Ipv4 address = byClient.remove(clientId);
        if (address == null) return;
        Hold hold = byAddress.get(address);
        if (hold != null && hold.clientId.equals(clientId) && !hold.committing()) byAddress.remove(address);
    }

    public synchronized int size() {
        return byAddress.size();
    }

    public synchronized void clear() {
        byAddress.clear();
        byClient.clear();
    }

    private void put(String clientId, Ipv4 address, Hold hold, long now) {
        Ipv4 previous = byClient.put(clientId, address);
        if (previous != null && !previous.equals(address)) {
            Hold old = byAddress.get(previous);
            // A commit in flight keeps its hold even when the client is offered another address meanwhile.
            if (old != null && old.clientId.equals(clientId) && !old.committing()) byAddress.remove(previous);
        }
        Hold displaced = byAddress.put(address, hold);
        if (displaced != null && !displaced.clientId.equals(clientId)) byClient.remove(displaced.clientId, address);
        if (++changesSinceSweep >= SWEEP_EVERY) sweep(now);
    }

    /** Forgets lapsed holds so a flood of DISCOVERs from random MACs cannot grow the maps without bound. */
    private void sweep(long now) {
        changesSinceSweep = 0;
        for (Iterator<Map.Entry<Ipv4, Hold>> it = byAddress.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Ipv4, Hold> entry = it.next();
            if (entry.getValue().until <= now) {
                it.remove();
                byClient.remove(entry.getValue().clientId, entry.getKey());
            }
        }
    }
}
