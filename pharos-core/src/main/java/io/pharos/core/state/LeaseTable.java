package io.pharos.core.state;

import io.pharos.core.command.Command.BindLease;
import io.pharos.core.command.Command.DeclineLease;
import io.pharos.core.command.Command.ReleaseLease;
import io.pharos.core.command.Result;
import io.pharos.core.command.Result.Refusal;
import io.pharos.core.model.Lease;
import io.pharos.core.model.LeaseState;
import io.pharos.core.net.Ipv4;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Leases by address and by client. Written only by the apply thread; read concurrently by services.
 * The one-address-one-client rule (invariant 3) is enforced here, whatever the leader decided.
 */
final class LeaseTable {
    private final ConcurrentSkipListMap<Ipv4, Lease> byAddress = new ConcurrentSkipListMap<>();
    private final Map<String, Ipv4> byClient = new ConcurrentHashMap<>();

    Optional<Lease> byAddress(Ipv4 address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /** The client's own lease; the index may still name an address someone else has taken since. */
    Optional<Lease> byClient(String clientId) {
        Ipv4 address = byClient.get(clientId);
        if (address == null) return Optional.empty();
        Lease lease = byAddress.get(address);
        return lease != null && lease.clientId().equals(clientId) ? Optional.of(lease) : Optional.empty();
    }

    Collection<Lease> all() {
        return byAddress.values();
    }

    Result bind(BindLease c) {
        Lease current = byAddress.get(c.address());
        if (current != null && current.holdsAddress(c.now()) && !current.clientId().equals(c.clientId()))
            return new Result.Refused(Refusal.CONFLICT, c.address() + " is held by client " + current.clientId()
                    + " (" + current.state().name().toLowerCase() + ") until " + current.expiresAt());
        Ipv4 previous = byClient.get(c.clientId());
        if (previous != null && !previous.equals(c.address())) {
            Lease old = byAddress.get(previous);
            if (old != null && old.clientId().equals(c.clientId())) byAddress.remove(previous);
        }
        long startsAt = current != null && current.clientId().equals(c.clientId()) && current.holdsAddress(c.now())
                ? current.startsAt() : c.now();
        put(new Lease(c.address(), c.mac(), c.clientId(), c.hostname(), c.subnet(), startsAt, c.expiresAt(),
                LeaseState.BOUND));
        return Result.OK;
    }

    Result release(ReleaseLease c) {
        Lease current = byAddress.get(c.address());
        if (current == null || !current.clientId().equals(c.clientId()))
            return new Result.Refused(Refusal.NOT_FOUND, "client " + c.clientId() + " holds no lease on " + c.address());
        put(new Lease(current.address(), current.mac(), current.clientId(), current.hostname(), current.subnet(),
                current.startsAt(), c.now(), LeaseState.RELEASED));
        return Result.OK;
    }

    Result decline(DeclineLease c) {
        Lease current = byAddress.get(c.address());
        if (current != null && current.holdsAddress(c.now()) && !current.clientId().equals(c.clientId()))
            return new Result.Refused(Refusal.CONFLICT, c.address() + " is held by another client");
        if (current != null) byClient.remove(current.clientId(), current.address());
        // Nobody owns a quarantined address, so no client is steered back to it.
        byAddress.put(c.address(), new Lease(c.address(), current == null ? null : current.mac(), "",
                null, current == null ? null : current.subnet(), c.now(), c.quarantineUntil(), LeaseState.DECLINED));
        return Result.OK;
    }

    Result purge(long endedBefore) {
        byAddress.values().removeIf(lease -> {
            boolean ended = lease.expiresAt() < endedBefore;
            if (ended) byClient.remove(lease.clientId(), lease.address());
            return ended;
        });
        return Result.OK;
    }

    Result delete(Ipv4 address) {
        Lease removed = byAddress.remove(address);
        if (removed == null) return new Result.Refused(Refusal.NOT_FOUND, "no lease on " + address);
        byClient.remove(removed.clientId(), address);
        return Result.OK;
    }

    void put(Lease lease) {
        Lease replaced = byAddress.put(lease.address(), lease);
        if (replaced != null && !replaced.clientId().equals(lease.clientId()))
            byClient.remove(replaced.clientId(), replaced.address());
        if (!lease.clientId().isEmpty()) byClient.put(lease.clientId(), lease.address());
    }

    void clear() {
        byAddress.clear();
        byClient.clear();
    }
}
