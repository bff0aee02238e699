package io.pharos.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.model.BootEnv;
import io.pharos.core.model.LeaseState;
import io.pharos.core.model.Machine;
import io.pharos.core.model.Reservation;
import io.pharos.core.model.Subnet;
import io.pharos.core.model.Template;
import io.pharos.core.net.Cidr;
import io.pharos.core.net.IpRange;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StateTest {
    private final State state = new State();
    private final Ipv4 a100 = Ipv4.parse("10.0.0.100");
    private final Mac macA = Mac.parse("52:54:00:00:00:0a");
    private final Mac macB = Mac.parse("52:54:00:00:00:0b");

    private Result bind(Ipv4 address, Mac mac, long now, long until) {
        return state.apply(new Command.BindLease(address, mac, mac.toString(), null, "lab", now, until));
    }

    private static Result.Refusal refusal(Result result) {
        return assertInstanceOf(Result.Refused.class, result).kind();
    }

    @Test
    void anAddressHeldByOneClientIsRefusedToAnother() {
        assertTrue(bind(a100, macA, 0, 1000).isOk());
        assertEquals(Result.Refusal.CONFLICT, refusal(bind(a100, macB, 500, 2000)));
        assertEquals(macA, state.leaseByAddress(a100).orElseThrow().mac());
    }

    @Test
    void anExpiredOrReleasedAddressMayGoToAnotherClient() {
        bind(a100, macA, 0, 1000);
        assertTrue(bind(a100, macB, 1000, 2000).isOk(), "expired at 1000");
        assertTrue(state.apply(new Command.ReleaseLease(a100, macB.toString(), 1500)).isOk());
        assertEquals(LeaseState.RELEASED, state.leaseByAddress(a100).orElseThrow().state());
        assertTrue(bind(a100, macA, 1600, 3000).isOk());
    }

    @Test
    void aClientWhoseAddressWentToAnotherClientHasNoLease() {
        bind(a100, macA, 0, 1000);
        bind(a100, macB, 2000, 3000);
        assertTrue(state.leaseByClient(macA.toString()).isEmpty());
        State copy = new State();
        copy.restore(state.snapshot());
        assertEquals(state.leaseByClient(macA.toString()), copy.leaseByClient(macA.toString()));
    }

    @Test
    void aClientMovingToAnotherAddressFreesTheOldOne() {
        bind(a100, macA, 0, 1000);
        Ipv4 a101 = a100.plus(1);
        bind(a101, macA, 10, 1000);
        assertTrue(state.leaseByAddress(a100).isEmpty());
        assertEquals(a101, state.leaseByClient(macA.toString()).orElseThrow().address());
    }

    @Test
    void aDeclinedAddressIsQuarantinedForEveryone() {
        bind(a100, macA, 0, 1000);
        assertTrue(state.apply(new Command.DeclineLease(a100, macA.toString(), 10, 5000)).isOk());
        assertEquals(Result.Refusal.CONFLICT, refusal(bind(a100, macA, 20, 1000)));
        assertEquals(Result.Refusal.CONFLICT, refusal(bind(a100, macB, 20, 1000)));
        assertTrue(state.leaseByClient(macA.toString()).isEmpty());
        assertTrue(bind(a100, macB, 5000, 9000).isOk(), "quarantine over");
    }

    @Test
    void aReservedAddressIsRefusedToOtherClients() {
        assertTrue(state.apply(new Command.PutReservation(new Reservation(macA, a100, "a", Map.of()))).isOk());
        assertEquals(Result.Refusal.CONFLICT, refusal(bind(a100, macB, 0, 1000)));
        assertTrue(bind(a100, macA, 0, 1000).isOk());
        assertEquals(Result.Refusal.CONFLICT,
                refusal(state.apply(new Command.PutReservation(new Reservation(macB, a100, "b", Map.of())))));
    }

    @Test
    void movingOrDeletingAReservationFreesItsOldAddress() {
        state.apply(new Command.PutReservation(new Reservation(macA, a100, "a", Map.of())));
        state.apply(new Command.PutReservation(new Reservation(macA, a100.plus(5), "a", Map.of())));
        assertTrue(bind(a100, macB, 0, 1000).isOk(), "the old address is free again");
        assertEquals(Result.Refusal.CONFLICT, refusal(bind(a100.plus(5), macB, 0, 1000)));
        assertTrue(state.apply(new Command.DeleteReservation(macA)).isOk());
        assertTrue(bind(a100.plus(5), macB, 0, 1000).isOk());
        State copy = new State();
        state.apply(new Command.PutReservation(new Reservation(macA, a100.plus(9), "a", Map.of())));
        copy.restore(state.snapshot());
        assertTrue(copy.isReservedForOther(a100.plus(9), macB), "a restored state knows its reservations");
    }

    @Test
    void purgeForgetsOnlyLeasesThatEndedBeforeTheCutoff() {
        bind(a100, macA, 0, 1000);
        bind(a100.plus(1), macB, 0, 5000);
        state.apply(new Command.PurgeLeases(2000));
        assertTrue(state.leaseByAddress(a100).isEmpty());
        assertTrue(state.leaseByClient(macA.toString()).isEmpty());
        assertTrue(state.leaseByAddress(a100.plus(1)).isPresent());
    }

    @Test
    void referencesBetweenMachinesBootEnvsAndTemplatesAreKept() {
        BootEnv env = new BootEnv("lin", "", "vmlinuz", List.of(), "", Map.of("ipxe", "lin-ipxe"), List.of());
        assertEquals(Result.Refusal.INVALID, refusal(state.apply(new Command.PutBootEnv(env))));
        state.apply(new Command.PutTemplate(new Template("lin-ipxe", "#!ipxe")));
        assertTrue(state.apply(new Command.PutBootEnv(env)).isOk());
        Machine machine = new Machine(UUID.randomUUID(), "m1", List.of(macA), null, "lin", Map.of());
        assertTrue(state.apply(new Command.PutMachine(machine)).isOk());
        assertEquals(Result.Refusal.CONFLICT, refusal(state.apply(new Command.DeleteTemplate("lin-ipxe"))));
        assertEquals(Result.Refusal.CONFLICT, refusal(state.apply(new Command.DeleteBootEnv("lin"))));
        Machine twin = new Machine(UUID.randomUUID(), "m2", List.of(macA), null, "lin", Map.of());
        assertEquals(Result.Refusal.CONFLICT, refusal(state.apply(new Command.PutMachine(twin))));
        assertTrue(state.apply(new Command.DeleteMachine(machine.id())).isOk());
        assertTrue(state.apply(new Command.DeleteBootEnv("lin")).isOk());
    }

    @Test
    void overlappingSubnetsAreRefused() {
        Subnet lab = new Subnet("lab", Cidr.parse("10.0.0.0/24"), List.of(IpRange.parse("10.0.0.10-10.0.0.20")),
                3600, Map.of(), null);
        assertTrue(state.apply(new Command.PutSubnet(lab)).isOk());
        Subnet wide = new Subnet("wide", Cidr.parse("10.0.0.0/16"), List.of(), 3600, Map.of(), null);
        assertEquals(Result.Refusal.CONFLICT, refusal(state.apply(new Command.PutSubnet(wide))));
        assertFalse(state.subnet("wide").isPresent());
    }

    @Test
    void aBatchAnswersEachCommandAndASnapshotRestoresEverything() {
        Result result = state.apply(new Command.Batch(List.of(
                new Command.PutParam("k", "v"), new Command.DeleteParam("missing"))));
        List<Result> results = assertInstanceOf(Result.Batched.class, result).results();
        assertTrue(results.get(0).isOk());
        assertEquals(Result.Refusal.NOT_FOUND, refusal(results.get(1)));
        bind(a100, macA, 0, 1000);
        State copy = new State();
        copy.restore(state.snapshot());
        assertEquals(state.snapshot(), copy.snapshot());
        assertEquals(macA, copy.leaseByClient(macA.toString()).orElseThrow().mac());
    }
}
