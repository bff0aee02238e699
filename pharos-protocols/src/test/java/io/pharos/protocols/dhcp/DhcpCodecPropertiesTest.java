package io.pharos.protocols.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.net.Ipv4;
import io.pharos.protocols.MalformedPacketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DhcpCodecPropertiesTest {

    @Property(tries = 500)
    void validMessagesRoundTrip(@ForAll("messages") DhcpMessage message) throws Exception {
        byte[] bytes = DhcpCodec.encode(message);
        assertTrue(bytes.length >= DhcpCodec.MIN_PACKET_LENGTH);
        assertEquals(message, DhcpCodec.decode(bytes, bytes.length));
    }

    @Property(tries = 300)
    void fittedMessagesStayWithinTheClientSize(@ForAll("messages") DhcpMessage message,
                                               @ForAll @IntRange(min = 0, max = 2000) int maxSize) throws Exception {
        byte[] bytes = DhcpCodec.encode(message, maxSize);
        int mandatory = message.options().stream().filter(o -> DhcpCodec.MANDATORY.contains(o.code()))
                .mapToInt(DhcpCodec::wireSize).sum();
        int limit = Math.max(maxSize, 576) - 28;
        assertTrue(bytes.length <= Math.max(limit, 241 + mandatory) || bytes.length == 300,
                () -> bytes.length + " bytes for max size " + maxSize);
        DhcpMessage back = DhcpCodec.decode(bytes, bytes.length);
        for (DhcpOption option : message.options())
            if (DhcpCodec.MANDATORY.contains(option.code())) assertTrue(back.has(option.code()));
    }

    @Property(tries = 2000)
    void randomBytesDecodeOrRaiseMalformed(@ForAll @Size(max = 1500) byte[] bytes) {
        decodeSafely(bytes, bytes.length);
    }

    @Property(tries = 2000)
    void randomOptionAreasDecodeOrRaiseMalformed(@ForAll("optionSoup") byte[] options,
                                                 @ForAll("optionSoup") byte[] file,
                                                 @ForAll("optionSoup") byte[] sname) {
        byte[] bytes = Packets.request().raw(toInts(options)).bytes();
        System.arraycopy(file, 0, bytes, DhcpCodec.FILE_OFFSET, Math.min(file.length, 128));
        System.arraycopy(sname, 0, bytes, DhcpCodec.SNAME_OFFSET, Math.min(sname.length, 64));
        Statistics.label("outcome").collect(decodeSafely(bytes, bytes.length));
        Statistics.label("outcome").coverage(c -> {
            c.check("decoded").percentage(p -> p > 5);
            c.check("malformed").percentage(p -> p > 5);
        });
    }

    @Property(tries = 2000)
    void mutatedValidPacketsDecodeOrRaiseMalformed(@ForAll("messages") DhcpMessage message,
                                                   @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 100_000) Integer> positions,
                                                   @ForAll @Size(max = 8) List<Byte> values,
                                                   @ForAll @IntRange(min = 0, max = 100) int keepPercent) {
        byte[] bytes = DhcpCodec.encode(message);
        for (int i = 0; i < Math.min(positions.size(), values.size()); i++)
            bytes[positions.get(i) % bytes.length] = values.get(i);
        decodeSafely(bytes, bytes.length);
        decodeSafely(bytes, bytes.length * keepPercent / 100);
    }

    /** Either MalformedPacketException or a message that itself survives a round trip; nothing else. */
    private static String decodeSafely(byte[] bytes, int len) {
        DhcpMessage message;
        try {
            message = DhcpCodec.decode(bytes, len);
        } catch (MalformedPacketException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= len, "offset " + e.offset() + " outside packet of " + len);
            return "malformed";
        }
        DhcpMessage relayLast = relayLast(message);
        byte[] again = DhcpCodec.encode(message);
        try {
            assertEquals(relayLast, DhcpCodec.decode(again, again.length));
        } catch (MalformedPacketException e) {
            throw new AssertionError("re-encoded message does not decode: " + e.getMessage(), e);
        }
        return "decoded";
    }

    private static DhcpMessage relayLast(DhcpMessage message) {
        return message.option(DhcpOption.RELAY_AGENT_INFO)
                .map(relay -> message.withoutOption(DhcpOption.RELAY_AGENT_INFO).withOption(relay))
                .orElse(message);
    }

    private static int[] toInts(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = bytes[i] & 0xff;
        return out;
    }

    /** Bytes biased towards what an option parser cares about: pad, end, overload, lengths near the edges. */
    @Provide
    Arbitrary<byte[]> optionSoup() {
        Arbitrary<Integer> interesting = Arbitraries.of(0, 1, 2, 3, 4, 52, 53, 82, 254, 255);
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 255);
        return Arbitraries.frequencyOf(Tuple.of(3, interesting), Tuple.of(2, any))
                .list().ofMaxSize(400)
                .map(list -> {
                    byte[] out = new byte[list.size()];
                    for (int i = 0; i < out.length; i++) out[i] = (byte) (int) list.get(i);
                    return out;
                });
    }

    @Provide
    Arbitrary<DhcpMessage> messages() {
        Arbitrary<List<Integer>> bytes4 = Arbitraries.integers().between(0, 255).list().ofSize(4);
        Arbitrary<Integer> xid = Arbitraries.integers();
        Arbitrary<List<Integer>> shorts = Arbitraries.integers().between(0, 0xffff).list().ofSize(2);
        Arbitrary<List<Ipv4>> addresses = Arbitraries.integers().map(Ipv4::new).list().ofSize(4);
        Arbitrary<byte[]> chaddr = Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
        Arbitrary<String> sname = Arbitraries.strings().withCharRange('\u0001', '\u00ff').ofMaxLength(64);
        Arbitrary<String> file = Arbitraries.strings().withCharRange('\u0001', '\u00ff').ofMaxLength(128);
        return Combinators.combine(bytes4, xid, shorts, addresses, chaddr, sname, file, options())
                .as((b, x, s, a, c, sn, f, o) -> new DhcpMessage(b.get(0), b.get(1), b.get(2), b.get(3), x, s.get(0), s.get(1),
                        a.get(0), a.get(1), a.get(2), a.get(3), c, sn, f, o));
    }

    private static Arbitrary<List<DhcpOption>> options() {
        Arbitrary<Integer> code = Arbitraries.integers().between(1, 254).filter(c -> c != DhcpOption.OVERLOAD && c != DhcpOption.RELAY_AGENT_INFO);
        Arbitrary<byte[]> data = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(700));
        Arbitrary<DhcpOption> option = Combinators.combine(code, data).as(DhcpOption::new);
        Arbitrary<List<DhcpOption>> list = option.list().ofMaxSize(16).uniqueElements(DhcpOption::code);
        Arbitrary<DhcpOption> relay = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b -> new DhcpOption(82, b));
        return Combinators.combine(list, relay, Arbitraries.of(true, false)).as((l, r, withRelay) -> {
            if (!withRelay) return l;
            List<DhcpOption> out = new ArrayList<>(l);
            out.add(r);
            return out;
        });
    }

    @Property(tries = 200)
    void equalityIgnoresArrayIdentity(@ForAll("messages") DhcpMessage message) {
        DhcpMessage copy = message.withOptions(message.options().stream().map(o -> new DhcpOption(o.code(), o.data())).toList());
        assertEquals(message, copy);
        assertEquals(message.hashCode(), copy.hashCode());
        assertTrue(Arrays.equals(message.chaddr(), copy.chaddr()));
    }
}
