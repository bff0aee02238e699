package io.pharos.node.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.model.ApiToken;
import io.pharos.core.model.BootEnv;
import io.pharos.core.model.FileEntry;
import io.pharos.core.model.Machine;
import io.pharos.core.model.Preferences;
import io.pharos.core.model.Reservation;
import io.pharos.core.model.Subnet;
import io.pharos.core.model.Template;
import io.pharos.core.net.Cidr;
import io.pharos.core.net.IpRange;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import io.pharos.node.codec.CommandCodec;
import io.pharos.node.codec.SnapshotCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariant 4 through the log format: the same log gives the same state and results on every node, and a
 * node that starts from a snapshot and replays the rest ends where a node that replayed everything ends.
 * Commands come from a small world (few names, addresses, clients) so that they often collide.
 */
class DeterministicApplyTest {
    private static final Map<String, String> SUBNETS = Map.of("10.0.0.0/24", "10.0.0.1-10.0.0.200",
            "10.0.1.0/24", "10.0.1.1-10.0.1.200", "10.0.0.0/23", "10.0.0.1-10.0.1.200");
    private static final List<UUID> MACHINE_IDS = List.of(new UUID(0, 1), new UUID(0, 2), new UUID(0, 3));

    @Property(tries = 300)
    void theSameLogGivesTheSameStateAndResults(@ForAll("logs") List<Command> commands) {
        List<byte[]> log = commands.stream().map(CommandCodec::encode).toList();
        State first = new State();
        State second = new State();
        for (byte[] entry : log)
            assertEquals(first.apply(CommandCodec.decode(entry)), second.apply(CommandCodec.decode(entry)));
        assertEquals(first.snapshot(), second.snapshot());
    }

    @Property(tries = 300)
    void aSnapshotPlusTheRestOfTheLogEqualsTheWholeLog(@ForAll("logs") List<Command> commands,
                                                       @ForAll @IntRange(min = 0, max = 100) int cutPercent) throws IOException {
        List<byte[]> log = commands.stream().map(CommandCodec::encode).toList();
        int cut = log.size() * cutPercent / 100;
        State whole = new State();
        State head = new State();
        List<Result> wholeResults = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            Result result = whole.apply(CommandCodec.decode(log.get(i)));
            wholeResults.add(result);
            if (i < cut) head.apply(CommandCodec.decode(log.get(i)));
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        SnapshotCodec.write(file, 1, cut, head.snapshot());
        State restored = new State();
        restored.restore(SnapshotCodec.read(new ByteArrayInputStream(file.toByteArray())).state());
        for (int i = cut; i < log.size(); i++)
            assertEquals(wholeResults.get(i), restored.apply(CommandCodec.decode(log.get(i))), "result of entry " + i);
        assertEquals(whole.snapshot(), restored.snapshot());
    }

    @Provide
    Arbitrary<List<Command>> logs() {
        return command().list().ofMinSize(0).ofMaxSize(60);
    }

    private Arbitrary<Command> command() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, leaseCommand()),
                Tuple.of(6, configCommand()),
                Tuple.of(2, Arbitraries.lazy(() -> leaseCommand().list().ofMaxSize(4).map(Command.Batch::new))));
    }

    private Arbitrary<Command> leaseCommand() {
        Arbitrary<Long> now = Arbitraries.longs().between(0, 100);
        Arbitrary<Command> bind = Combinators.combine(address(), mac(), client(), now, Arbitraries.longs().between(0, 60))
                .as((a, m, c, t, d) -> new Command.BindLease(a, m, c, "h-" + c, "lab", t, t + d));
        Arbitrary<Command> release = Combinators.combine(address(), client(), now).as(Command.ReleaseLease::new);
        Arbitrary<Command> decline = Combinators.combine(address(), client(), now, Arbitraries.longs().between(0, 60))
                .as((a, c, t, d) -> new Command.DeclineLease(a, c, t, t + d));
        Arbitrary<Command> purge = now.map(Command.PurgeLeases::new);
        Arbitrary<Command> delete = address().map(Command.DeleteLease::new);
        return Arbitraries.oneOf(bind, bind, bind, release, decline, purge, delete);
    }

    private Arbitrary<Command> configCommand() {
        Arbitrary<String> name = Arbitraries.of("a", "b", "c");
        Arbitrary<Command> subnet = Combinators.combine(name, Arbitraries.of(SUBNETS.keySet()))
                .as((n, c) -> new Command.PutSubnet(new Subnet(n, Cidr.parse(c), List.of(IpRange.parse(SUBNETS.get(c))),
                        600, Map.of("router", "10.0.0.1"), null)));
        Arbitrary<Command> reservation = Combinators.combine(mac(), address())
                .as((m, a) -> new Command.PutReservation(new Reservation(m, a, null, Map.of())));
        Arbitrary<Command> machine = Combinators.combine(Arbitraries.of(MACHINE_IDS), name, mac(),
                        Arbitraries.of("local", "discovery", "missing").injectNull(0.3), address().injectNull(0.5))
                .as((id, n, m, env, a) -> new Command.PutMachine(new Machine(id, "m-" + n, List.of(m), a, env, Map.of())));
        Arbitrary<Command> template = name.map(n -> new Command.PutTemplate(new Template("t-" + n, "#!ipxe " + n)));
        Arbitrary<Command> bootEnv = Combinators.combine(Arbitraries.of("local", "discovery"), name)
                .as((env, t) -> new Command.PutBootEnv(
                        new BootEnv(env, "", null, List.of(), "", Map.of("ipxe", "t-" + t), List.of())));
        Arbitrary<String> envName = Arbitraries.of("local", "discovery");
        Arbitrary<Command> preferences = Combinators.combine(envName, envName)
                .as((u, d) -> new Command.PutPreferences(new Preferences(u, d)));
        Arbitrary<Command> other = Arbitraries.oneOf(
                name.map(Command.DeleteSubnet::new), mac().map(Command.DeleteReservation::new),
                Arbitraries.of(MACHINE_IDS).map(Command.DeleteMachine::new),
                name.map(n -> new Command.DeleteTemplate("t-" + n)), envName.map(Command.DeleteBootEnv::new),
                name.map(n -> new Command.PutParam(n, "v-" + n)), name.map(Command.DeleteParam::new),
                name.map(n -> new Command.PutFile(FileEntry.wholeBlob("f/" + n, "00" + n, 1, 5))),
                name.map(n -> new Command.DeleteFile("f/" + n)),
                name.map(n -> new Command.PutToken(new ApiToken(n, n, "ab", "admin", 5))),
                name.map(Command.DeleteToken::new));
        return Arbitraries.oneOf(subnet, reservation, machine, template, bootEnv, preferences, other);
    }

    private static Arbitrary<Ipv4> address() {
        return Arbitraries.integers().between(1, 12).map(i -> Ipv4.parse("10.0.0." + i));
    }

    private static Arbitrary<Mac> mac() {
        return Arbitraries.longs().between(1, 6).map(i -> new Mac(0x5254_0000_0000L + i));
    }

    private static Arbitrary<String> client() {
        return Arbitraries.of("c1", "c2", "c3", "c4");
    }
}
