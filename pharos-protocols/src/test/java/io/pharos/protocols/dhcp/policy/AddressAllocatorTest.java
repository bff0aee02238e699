package io.pharos.protocols.dhcp.policy;

import static io.pharos.protocols.dhcp.policy.Requests.*;
import static org.junit.jupiter.api.Assertions.*;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.model.Machine;
import io.pharos.core.model.Reservation;
import io.pharos.core.model.Subnet;
import io.pharos.core.net.Cidr;
import io.pharos.core.net.IpRange;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AddressAllocatorTest {
    private final Subnet lab = lab();
    private final State state = stateWith(lab);
    private final PendingOffers pending = new PendingOffers(Duration.ofSeconds(10));
    private final AddressAllocator allocator = new AddressAllocator(state, pending);

    private static Client client(int n) {
        return new Client(mac(n), mac(n).toString());
    }

    private Optional<Ipv4> allocate(int n) {
        return allocator.allocate(lab, client(n), Optional.empty(), NOW);
    }

    private void lease(int n, Ipv4 address, long expiresAt) {
        assertEquals(Result.OK, state.apply(new Command.BindLease(address, mac(n), mac(n).toString(), null, "lab", NOW, expiresAt)));
    }

    @Test
    void freeAddressesAreHandedOutInOrderSkippingHeldOnes() {
        lease(50, Ipv4.parse("10.0.0.101"), NOW + 1000);
        pending.offer("someone", Ipv4.parse("10.0.0.102"), NOW);
        assertEquals(Optional.of(Ipv4.parse("10.0.0.100")), allocate(1));
        pending.offer(client(1).clientId(), Ipv4.parse("10.0.0.100"), NOW);
        assertEquals(Optional.of(Ipv4.parse("10.0.0.103")), allocate(2));
    }

    @Test
    void anExpiredLeaseOfAnotherClientIsFreeAgain() {
        for (int i = 0; i < 10; i++) lease(50 + i, Ipv4.parse("10.0.0.10" + i), NOW - 1);
        assertTrue(allocate(1).isPresent());
    }

    @Test
    void aClientGetsItsPreviousAddressBack() {
        lease(1, Ipv4.parse("10.0.0.107"), NOW - 60_000);
        assertEquals(Optional.of(Ipv4.parse("10.0.0.107")), allocate(1));
    }

    @Test
    void theRequestedAddressIsGivenWhenFreeAndInRange() {
        assertEquals(Optional.of(Ipv4.parse("10.0.0.105")),
                allocator.allocate(lab, client(1), Optional.of(Ipv4.parse("10.0.0.105")), NOW));
        assertEquals(Optional.of(Ipv4.parse("10.0.0.100")),
                allocator.allocate(lab, client(2), Optional.of(Ipv4.parse("10.0.0.30")), NOW), "outside the ranges");
        lease(3, Ipv4.parse("10.0.0.106"), NOW + 1000);
        assertNotEquals(Optional.of(Ipv4.parse("10.0.0.106")),
                allocator.allocate(lab, client(4), Optional.of(Ipv4.parse("10.0.0.106")), NOW), "held by another");
    }

    @Test
    void reservationsAndMachineAddressesWinAndAreKeptFromOthers() {
        state.apply(new Command.PutReservation(new Reservation(mac(7), Ipv4.parse("10.0.0.100"), null, Map.of())));
        state.apply(new Command.PutTemplate(new io.pharos.core.model.Template("t", "")));
        state.apply(new Command.PutBootEnv(new io.pharos.core.model.BootEnv("local", "", "", List.of(), "", Map.of(), List.of())));
        state.apply(new Command.PutMachine(new Machine(new UUID(0, 8), "m8", List.of(mac(8)), Ipv4.parse("10.0.0.20"),
                "local", Map.of())));
        assertEquals(Optional.of(Ipv4.parse("10.0.0.100")), allocate(7));
        assertEquals(Optional.of(Ipv4.parse("10.0.0.20")), allocate(8), "a machine's fixed address, even outside the ranges");
        assertEquals(Optional.of(Ipv4.parse("10.0.0.101")), allocate(1));
    }

    @Test
    void networkAndBroadcastAddressesAreNeverHandedOut() {
        Subnet sloppy = new Subnet("sloppy", Cidr.parse("10.9.0.0/30"), List.of(IpRange.parse("10.9.0.0-10.9.0.3")), 60, Map.of(), null);
        state.apply(new Command.PutSubnet(sloppy));
        Set<Ipv4> given = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Client client = client(i);
            allocator.allocate(sloppy, client, Optional.empty(), NOW).ifPresent(a -> {
                pending.offer(client.clientId(), a, NOW);
                given.add(a);
            });
        }
        assertEquals(Set.of(Ipv4.parse("10.9.0.1"), Ipv4.parse("10.9.0.2")), given);
    }

    @Test
    void anExhaustedPoolYieldsNothing() {
        for (int i = 0; i < 10; i++) lease(50 + i, Ipv4.parse("10.0.0.10" + i), NOW + 1000);
        assertEquals(Optional.empty(), allocate(1));
    }

    @Test
    void allocationStaysFastWithTensOfThousandsOfLeases() {
        Subnet big = new Subnet("big", Cidr.parse("10.64.0.0/16"), List.of(IpRange.parse("10.64.0.1-10.64.255.254")), 3600, Map.of(), null);
        State bigState = stateWith(big);
        AddressAllocator bigAllocator = new AddressAllocator(bigState, new PendingOffers(Duration.ofSeconds(10)));
        int clients = 40_000;
        long started = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Mac mac = mac(i);
            Ipv4 address = bigAllocator.allocate(big, new Client(mac, mac.toString()), Optional.empty(), NOW).orElseThrow();
            assertEquals(Result.OK, bigState.apply(new Command.BindLease(address, mac, mac.toString(), null, "big", NOW, NOW + 3_600_000)));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(clients, bigState.leases().size());
        // Scanning from the start each time would look at ~800 million addresses here; the cursor looks at one each.
        assertTrue(millis < 10_000, "40k allocations took " + millis + " ms");
    }
}
