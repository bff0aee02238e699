package io.pharos.protocols.dhcp.policy;

import io.pharos.core.model.Lease;
import io.pharos.core.model.Machine;
import io.pharos.core.model.Reservation;
import io.pharos.core.model.Subnet;
import io.pharos.core.net.IpRange;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the address to offer a client, in this order: its fixed address (reservation or machine), the
 * address already offered to it, its previous lease (affinity: RFC 2131 §4.3.1 says the server should
 * offer the client's previous address when it can), the address it asked for (option 50), then the next
 * free address of the subnet's ranges. The free-address scan starts where the last one stopped (a cursor
 * per subnet), so with tens of thousands of leases an allocation looks at a handful of addresses, not the
 * whole pool. Reads the state; writes nothing but its cursors.
 */
public final class AddressAllocator {
    private final State state;
    private final PendingOffers pending;
    private final Map<String, Long> cursors = new ConcurrentHashMap<>();

    public AddressAllocator(State state, PendingOffers pending) {
        this.state = state;
        this.pending = pending;
    }

    /** An address for the client in this subnet; empty when the pool is exhausted. */
    public Optional<Ipv4> allocate(Subnet subnet, Client client, Optional<Ipv4> requested, long now) {
        Optional<Ipv4> fixed = fixedAddress(subnet, client.mac()).filter(a -> usable(a, client, now));
        if (fixed.isPresent()) return fixed;
        Optional<Ipv4> offered = pending.offeredTo(client.clientId(), now).filter(a -> dynamicFor(subnet, a, client, now));
        if (offered.isPresent()) return offered;
        Optional<Ipv4> previous = state.leaseByClient(client.clientId())
                .filter(lease -> lease.clientId().equals(client.clientId()))
                .map(Lease::address)
                .filter(a -> dynamicFor(subnet, a, client, now));
        if (previous.isPresent()) return previous;
        Optional<Ipv4> asked = requested.filter(a -> dynamicFor(subnet, a, client, now));
        if (asked.isPresent()) return asked;
        return nextFree(subnet, client, now);
    }

    /**
     * True when the client may be bound to this address now. A client whose fixed address in this subnet is
     * available may only have that one, so a client reserved after it leased is moved onto its reservation.
     */
    public boolean acceptable(Subnet subnet, Client client, Ipv4 address, long now) {
        Optional<Ipv4> fixed = fixedAddress(subnet, client.mac());
        if (fixed.isPresent() && usable(fixed.get(), client, now)) return fixed.get().equals(address);
        return dynamicFor(subnet, address, client, now);
    }

    /** The address set aside for this MAC by a reservation or a machine record, when it lies in the subnet. */
    public Optional<Ipv4> fixedAddress(Subnet subnet, Mac mac) {
        Optional<Ipv4> reserved = state.reservation(mac).map(Reservation::address).filter(subnet.cidr()::contains);
        if (reserved.isPresent()) return reserved;
        return state.machineByMac(mac).map(Machine::address).filter(a -> a != null && subnet.cidr().contains(a));
    }

    private boolean dynamicFor(Subnet subnet, Ipv4 address, Client client, long now) {
        return inPool(subnet, address) && usable(address, client, now);
    }

    /** Not held by another client's lease or quarantine, not set aside on this leader or by reservation for another. */
    private boolean usable(Ipv4 address, Client client, long now) {
        Optional<Lease> lease = state.leaseByAddress(address);
        if (lease.isPresent() && lease.get().holdsAddress(now) && !lease.get().clientId().equals(client.clientId()))
            return false;
        if (pending.heldByOther(address, client.clientId(), now)) return false;
        return !state.isReservedForOther(address, client.mac());
    }

    /** In the ranges, and not the network or broadcast address an operator's range might include by mistake. */
    static boolean inPool(Subnet subnet, Ipv4 address) {
        if (!subnet.inRanges(address) || !subnet.cidr().contains(address)) return false;
        if (subnet.cidr().prefix() >= 31) return true; // RFC 3021: both addresses of a /31 are hosts
        return !address.equals(subnet.cidr().network()) && !address.equals(subnet.cidr().broadcast());
    }

    private Optional<Ipv4> nextFree(Subnet subnet, Client client, long now) {
        long size = poolSize(subnet);
        if (size == 0) return Optional.empty();
        long start = Math.floorMod(cursors.getOrDefault(subnet.name(), 0L), size);
        for (long i = 0; i < size; i++) {
            long position = (start + i) % size;
            Ipv4 candidate = at(subnet, position);
            if (inPool(subnet, candidate) && usable(candidate, client, now)) {
                cursors.put(subnet.name(), position + 1);
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static long poolSize(Subnet subnet) {
        long size = 0;
        for (IpRange range : subnet.ranges()) size += range.size();
        return size;
    }

    private static Ipv4 at(Subnet subnet, long position) {
        long left = position;
        for (IpRange range : subnet.ranges()) {
            if (left < range.size()) return range.first().plus(left);
            left -= range.size();
        }
        throw new IllegalStateException("position " + position + " beyond the ranges of subnet " + subnet.name());
    }
}
