package io.pharos.protocols.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pharos.protocols.MalformedPacketException;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TftpCodecPropertiesTest {

    @Property(tries = 2000)
    void everyPacketSurvivesARoundTrip(@ForAll("packets") TftpPacket packet) throws MalformedPacketException {
        byte[] wire = TftpCodec.encode(packet);
        TftpPacket decoded = TftpCodec.decode(wire, wire.length);
        assertEquals(packet, decoded);
        assertArrayEquals(wire, TftpCodec.encode(decoded));
    }

    @Property(tries = 5000)
    void randomBytesDecodeOrRaiseMalformedPacketOnly(@ForAll @Size(max = 80) byte[] junk) {
        decodeOrMalformed(junk, junk.length);
    }

    @Property(tries = 5000)
    void randomBytesBehindAValidOpcodeDecodeOrRaiseMalformedPacketOnly(
            @ForAll @IntRange(min = 0, max = 7) int opcode, @ForAll @Size(max = 80) byte[] body) {
        byte[] packet = new byte[body.length + 2];
        packet[1] = (byte) opcode;
        System.arraycopy(body, 0, packet, 2, body.length);
        decodeOrMalformed(packet, packet.length);
    }

    @Property(tries = 3000)
    void damagedValidPacketsDecodeOrRaiseMalformedPacketOnly(
            @ForAll("packets") TftpPacket packet, @ForAll @IntRange(min = 0, max = 200) int cut,
            @ForAll @IntRange(min = 0, max = 200) int flipAt, @ForAll byte flip) {
        byte[] wire = TftpCodec.encode(packet);
        if (wire.length > 0) wire[flipAt % wire.length] ^= flip;
        decodeOrMalformed(wire, Math.min(cut, wire.length));
    }

    private static void decodeOrMalformed(byte[] packet, int length) {
        try {
            TftpPacket decoded = TftpCodec.decode(packet, length);
            byte[] again = TftpCodec.encode(decoded);
            assertEquals(decoded, TftpCodec.decode(again, again.length));
        } catch (MalformedPacketException expected) {
            // the only acceptable failure
        }
    }

    @Provide
    Arbitrary<TftpPacket> packets() {
        Arbitrary<Integer> blocks = Arbitraries.integers().between(0, 0xffff);
        return Arbitraries.oneOf(
                Combinators.combine(wireStrings(), modes(), options())
                        .as((file, mode, options) -> (TftpPacket) new TftpPacket.ReadRequest(file, mode, options)),
                Combinators.combine(wireStrings(), modes(), options())
                        .as((file, mode, options) -> (TftpPacket) new TftpPacket.WriteRequest(file, mode, options)),
                Combinators.combine(blocks, Arbitraries.bytes().array(byte[].class).ofMaxSize(600))
                        .as((block, payload) -> (TftpPacket) new TftpPacket.Data(block, payload)),
                blocks.map(TftpPacket.Ack::new),
                Combinators.combine(blocks, wireStrings()).as(TftpPacket.Error::new),
                options().map(TftpPacket.OptionAck::new));
    }

    /** Any Unicode text without NUL; surrogates are left out because UTF-8 cannot carry them alone. */
    private static Arbitrary<String> wireStrings() {
        return Arbitraries.strings().withCharRange('\u0001', '\ud7ff').ofMaxLength(40);
    }

    private static Arbitrary<String> modes() {
        return Arbitraries.oneOf(Arbitraries.of("octet", "netascii", "OCTET", "mail"), wireStrings());
    }

    private static Arbitrary<Map<String, String>> options() {
        Arbitrary<String> unknownNames = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12)
                .filter(name -> !TftpOptions.isNumeric(name));
        Arbitrary<Map<String, String>> unknown = Arbitraries.maps(unknownNames, wireStrings()).ofMaxSize(4);
        Arbitrary<Map<String, String>> known = Arbitraries.maps(
                Arbitraries.of(TftpOptions.BLKSIZE, TftpOptions.TIMEOUT, TftpOptions.TSIZE, TftpOptions.WINDOWSIZE),
                Arbitraries.longs().between(0, 999_999_999_999_999_999L).map(String::valueOf)).ofMaxSize(4);
        return Combinators.combine(known, unknown).as((k, u) -> {
            Map<String, String> all = new LinkedHashMap<>(k);
            all.putAll(u);
            return all;
        });
    }
}
