package io.pharos.node.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Lease bindings through the log format: binary when all leases, JSON otherwise, and old entries still read. */
class LeaseBatchCodecTest {
    private static final long NOW = 1_700_000_000_000L;

    @Property(tries = 500)
    void leasesSurviveTheBinaryFormat(@ForAll("leaseEntries") Command command) {
        byte[] entry = CommandCodec.encode(command);
        assertEquals(CommandCodec.FORMAT_BINARY_LEASES, entry[0]);
        assertEquals(command, CommandCodec.decode(entry));
    }

    @Example
    void oneAndFiveHundredLeasesRoundTrip() {
        for (int count : new int[] {1, 500}) {
            Command batch = batch(count);
            byte[] entry = CommandCodec.encode(batch);
            assertEquals(CommandCodec.FORMAT_BINARY_LEASES, entry[0]);
            assertEquals(batch, CommandCodec.decode(entry), count + " leases");
        }
    }

    @Example
    void nullsEmptyTextNonAsciiAndExtremeTimesAreKept() {
        List<Command> leases = List.of(
                new Command.BindLease(Ipv4.ANY, new Mac(0), null, null, null, Long.MIN_VALUE, Long.MAX_VALUE),
                new Command.BindLease(Ipv4.BROADCAST, new Mac(0xffff_ffff_ffffL), "", "", "", -1, 0),
                new Command.BindLease(Ipv4.parse("10.0.0.7"), Mac.parse("52:54:00:00:00:07"), "01:52:54:00:00:00:07",
                        "stüdio-рабочий-服务器-🚀", "lab", NOW, NOW + 3_600_000));
        Command batch = new Command.Batch(leases);
        assertEquals(batch, CommandCodec.decode(CommandCodec.encode(batch)));
        for (Command lease : leases) {
            byte[] entry = CommandCodec.encode(lease);
            assertEquals(CommandCodec.FORMAT_BINARY_LEASES, entry[0], "a lone lease is binary too");
            assertEquals(lease, CommandCodec.decode(entry));
        }
    }

    @Example
    void anythingButLeasesStaysJson() {
        List<Command> others = List.of(
                new Command.Batch(List.of(lease(1), new Command.ReleaseLease(Ipv4.parse("10.0.0.1"), "c1", NOW))),
                new Command.Batch(List.of()),
                new Command.Batch(List.of(lease(1), new Command.Batch(List.of(lease(2))))),
                new Command.BindLease(null, Mac.parse("52:54:00:00:00:01"), "c1", null, "lab", NOW, NOW),
                new Command.Batch(List.of(lease(1), new Command.BindLease(Ipv4.parse("10.0.0.2"), null, "c2", null, "lab", NOW, NOW))),
                new Command.PurgeLeases(NOW));
        for (Command command : others) {
            byte[] entry = CommandCodec.encode(command);
            assertEquals(CommandCodec.FORMAT_V1, entry[0], command.toString());
            assertEquals('{', entry[1]);
            assertEquals(command, CommandCodec.decode(entry));
        }
    }

    @Example
    void leaseEntriesWrittenAsJsonBeforeTheBinaryFormatStillRead() throws Exception {
        for (Command command : List.of(batch(3), lease(4), new Command.Batch(List.of(
                new Command.BindLease(Ipv4.parse("10.0.0.9"), Mac.parse("52:54:00:00:00:09"), "c9", null, "lab", NOW, NOW))))) {
            byte[] json = PharosJson.mapper().writeValueAsBytes(command);
            byte[] old = new byte[json.length + 1];
            old[0] = CommandCodec.FORMAT_V1;
            System.arraycopy(json, 0, old, 1, json.length);
            assertEquals(command, CommandCodec.decode(old));
        }
    }

    @Example
    void everyTruncationOfABinaryEntryIsAnUnreadableEntry() {
        for (Command command : List.of(batch(3), lease(7),
                new Command.BindLease(Ipv4.parse("10.0.0.1"), new Mac(1), null, "ü", null, 0, 0))) {
            byte[] entry = CommandCodec.encode(command);
            for (int length = 1; length < entry.length; length++) {
                byte[] cut = Arrays.copyOf(entry, length);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> CommandCodec.decode(cut),
                        "cut to " + length + " of " + entry.length + " bytes");
                assertTrue(e.getMessage().startsWith("unreadable log entry"), e.getMessage());
                assertTrue(e.getMessage().contains("of " + length), e.getMessage());
            }
        }
    }

    @Example
    void corruptEntriesSayWhatIsWrong() {
        byte[] entry = CommandCodec.encode(batch(2));
        byte[] badShape = entry.clone();
        badShape[1] = 7;
        assertUnreadable(badShape, "shape 7");
        byte[] longer = Arrays.copyOf(entry, entry.length + 1);
        assertUnreadable(longer, "1 bytes left over");
        byte[] maxCount = {2, 2, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0, 0, 0};
        assertUnreadable(maxCount, "lease count 2147483647 cannot fit in the 3 bytes left");
        byte[] overflowingCount = {2, 2, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        assertUnreadable(overflowingCount, "lease count is over");
        byte[] endlessCount = {2, 2, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0};
        assertUnreadable(endlessCount, "longer than 5 bytes");
    }

    @Example
    void theEmptyEntryAndUnknownFormatsStillAskForAnUpgrade() {
        for (byte[] entry : List.of(new byte[0], new byte[] {3, 1}, new byte[] {(byte) 0xff})) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> CommandCodec.decode(entry));
            assertTrue(e.getMessage().contains("is not known to this version of Pharos") && e.getMessage().contains("upgrade this node"),
                    e.getMessage());
        }
    }

    @Example
    void textThatIsNotUnicodeIsRefusedNotAltered() {
        Command lone = new Command.BindLease(Ipv4.parse("10.0.0.1"), new Mac(1), "c", "bad\uD800", "lab", 0, 0);
        assertThrows(IllegalArgumentException.class, () -> CommandCodec.encode(lone));
    }

    @Example
    void aBatchOfThirtyLeasesIsAFractionOfItsJson() throws Exception {
        Command batch = batch(30);
        int binary = CommandCodec.encode(batch).length;
        int json = 1 + PharosJson.mapper().writeValueAsBytes(batch).length;
        assertTrue(binary * 3 < json, "binary " + binary + " bytes, JSON " + json + " bytes");
    }

    private static Command.BindLease lease(int n) {
        Mac mac = new Mac(0x5254_0000_0000L + n);
        return new Command.BindLease(Ipv4.parse("10.0.0.0").plus(100 + n), mac, mac.toString(), String.format("node-%03d", n),
                "rack-a", NOW + n, NOW + n + 3_600_000);
    }

    private static Command batch(int count) {
        List<Command> leases = new ArrayList<>();
        for (int n = 0; n < count; n++) leases.add(lease(n));
        return new Command.Batch(leases);
    }

    private static void assertUnreadable(byte[] entry, String detail) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CommandCodec.decode(entry));
        assertTrue(e.getMessage().startsWith("unreadable log entry") && e.getMessage().contains(detail), e.getMessage());
    }

    @Provide
    Arbitrary<Command> leaseEntries() {
        Arbitrary<Command> lease = Combinators.combine(
                Arbitraries.integers().map(Ipv4::new),
                Arbitraries.longs().between(0, 0xffff_ffff_ffffL).map(Mac::new),
                text(), text(), text(),
                Arbitraries.longs(), Arbitraries.longs())
                .as((address, mac, clientId, hostname, subnet, now, expiresAt) ->
                        (Command) new Command.BindLease(address, mac, clientId, hostname, subnet, now, expiresAt));
        return Arbitraries.<Command>oneOf(lease, lease.list().ofMinSize(1).ofMaxSize(40).map(Command.Batch::new));
    }

    /** Any Unicode text, often ASCII, sometimes empty or null. */
    private static Arbitrary<String> text() {
        Arbitrary<String> unicode = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(20)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        return Arbitraries.oneOf(unicode, Arbitraries.strings().ascii().ofMaxLength(300)).injectNull(0.2);
    }
}
