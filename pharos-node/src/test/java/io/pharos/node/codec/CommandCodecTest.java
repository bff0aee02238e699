package io.pharos.node.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.model.BootEnv;
import io.pharos.core.model.Machine;
import io.pharos.core.model.Subnet;
import io.pharos.core.net.Cidr;
import io.pharos.core.net.IpRange;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandCodecTest {
    private final Subnet subnet = new Subnet("lab", Cidr.parse("10.0.0.0/24"),
            List.of(IpRange.parse("10.0.0.100-10.0.0.200")), 3600, Map.of("router", "10.0.0.1"), null);

    @Test
    void everyKindOfCommandSurvivesTheLogFormat() {
        List<Command> commands = List.of(
                new Command.PutSubnet(subnet),
                new Command.BindLease(Ipv4.parse("10.0.0.100"), Mac.parse("52:54:00:12:34:56"), "01:52:54:00:12:34:56",
                        "web1", "lab", 1000, 4600_000),
                new Command.PutMachine(new Machine(UUID.randomUUID(), "m1", List.of(Mac.parse("52:54:00:00:00:01")),
                        null, "local", Map.of("k", "v"))),
                new Command.PutBootEnv(new BootEnv("local", "disk", null, List.of(), "", Map.of(), List.of())),
                new Command.Batch(List.of(new Command.DeleteSubnet("lab"), new Command.PurgeLeases(5))));
        for (Command command : commands) assertEquals(command, CommandCodec.decode(CommandCodec.encode(command)));
    }

    @Test
    void resultsRoundTrip() {
        Result result = new Result.Batched(List.of(Result.OK,
                new Result.Refused(Result.Refusal.CONFLICT, "10.0.0.5 is held")));
        assertEquals(result, CommandCodec.decodeResult(CommandCodec.encodeResult(result)));
    }

    @Test
    void leaseResultsAreBinaryAndRoundTrip() {
        List<Result> results = List.of(
                Result.OK,
                new Result.Refused(Result.Refusal.CONFLICT, "10.0.0.5 is held by client 01:aa"),
                new Result.Refused(Result.Refusal.NOT_FOUND, null),
                new Result.Refused(Result.Refusal.INVALID, "ünïcode ✓"),
                new Result.Refused(null, ""),
                new Result.Batched(List.of()),
                new Result.Batched(List.of(Result.OK, new Result.Refused(Result.Refusal.CONFLICT, "held"), Result.OK)),
                new Result.Batched(java.util.Collections.nCopies(500, Result.OK)),
                new Result.Batched(List.of(Result.OK, new Result.Batched(List.of(Result.OK, new Result.Refused(Result.Refusal.INVALID, "x"))))));
        for (Result result : results) {
            byte[] bytes = CommandCodec.encodeResult(result);
            assertEquals(0x01, bytes[0], result.toString());
            assertEquals(result, CommandCodec.decodeResult(bytes));
        }
        assertEquals(2, CommandCodec.encodeResult(Result.OK).length);
    }

    @Test
    void resultsNestedDeeperThanTheBinaryFormatAllowsStayJson() {
        Result deep = Result.OK;
        for (int i = 0; i < BinaryResultCodec.MAX_NESTING; i++) deep = new Result.Batched(List.of(deep));
        byte[] bytes = CommandCodec.encodeResult(deep);
        assertEquals('{', bytes[0]);
        assertEquals(deep, CommandCodec.decodeResult(bytes));
        Result deepest = new Result.Batched(List.of(Result.OK, new Result.Batched(List.of())));
        for (int i = 0; i < BinaryResultCodec.MAX_NESTING - 2; i++) deepest = new Result.Batched(List.of(deepest));
        assertEquals(0x01, CommandCodec.encodeResult(deepest)[0], "nesting of exactly MAX_NESTING is binary");
        assertEquals(deepest, CommandCodec.decodeResult(CommandCodec.encodeResult(deepest)));
    }

    @Test
    void jsonResultsStillRead() throws Exception {
        for (Result result : List.of(Result.OK, new Result.Refused(Result.Refusal.CONFLICT, null),
                new Result.Batched(List.of(Result.OK, new Result.Refused(Result.Refusal.NOT_FOUND, "gone"))))) {
            byte[] json = PharosJson.mapper().writeValueAsBytes(result);
            assertEquals('{', json[0]);
            assertEquals(result, CommandCodec.decodeResult(json));
        }
    }

    @Test
    void truncatedOrCorruptBinaryResultsAreUnreadable() {
        byte[] bytes = CommandCodec.encodeResult(new Result.Batched(List.of(Result.OK,
                new Result.Refused(Result.Refusal.CONFLICT, "held"))));
        for (int length = 1; length < bytes.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(bytes, length);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> CommandCodec.decodeResult(cut));
            assertTrue(e.getMessage().startsWith("unreadable command result"), e.getMessage());
        }
        for (byte[] corrupt : List.of(new byte[] {1, 9}, new byte[] {1, 1, 4, 0}, new byte[] {1, 0, 0})) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> CommandCodec.decodeResult(corrupt));
            assertTrue(e.getMessage().startsWith("unreadable command result"), e.getMessage());
        }
    }

    @Test
    void unknownFormatIsRefusedWithAnUpgradeHint() {
        byte[] entry = CommandCodec.encode(new Command.DeleteSubnet("x"));
        entry[0] = 9;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CommandCodec.decode(entry));
        assertEquals(true, e.getMessage().contains("upgrade"));
    }
}
