package io.pharos.protocols.dhcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.protocols.MalformedPacketException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DhcpCodecTest {
    static DhcpMessage decode(byte[] bytes) throws MalformedPacketException {
        return DhcpCodec.decode(bytes, bytes.length);
    }

    static MalformedPacketException malformed(byte[] bytes, String reason) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> decode(bytes));
        assertTrue(e.reason().contains(reason), () -> "reason '" + e.reason() + "' lacks '" + reason + "'");
        return e;
    }

    /** An iPXE DISCOVER laid out as iPXE 1.21 sends it from BIOS (RFC 4578 options, iPXE option 175). */
    static byte[] ipxeDiscover() {
        int[] uuid = {0, 0x4c, 0x4c, 0x45, 0x44, 0x00, 0x31, 0x10, 0x80, 0x38, 0xb2, 0xc0, 0x4f, 0x42, 0x50, 0x33, 0x32};
        return Packets.request().header(8, 0, 4)
                .option(53, 1)
                .option(57, 0x05, 0xc0)
                .option(93, 0, 0)
                .option(94, 1, 2, 1)
                .option(97, uuid)
                .option(60, "PXEClient:Arch:00000:UNDI:002001")
                .option(77, "iPXE")
                .option(55, 1, 3, 6, 7, 12, 15, 17, 26, 43, 60, 66, 67, 119, 128, 129, 130, 131, 132, 133, 134, 135, 175, 203)
                .option(175, 0xb1, 0x05, 0x01, 0x80, 0x86, 0x10, 0x0e, 0xeb, 0x03, 0x01, 0x00, 0x00, 0x17, 0x01, 0x01,
                        0x13, 0x01, 0x01, 0x10, 0x01, 0x02, 0x11, 0x01, 0x01)
                .option(61, 1, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56)
                .end().bytes();
    }

    @Test
    void ipxeDiscoverDecodes() throws Exception {
        DhcpMessage m = decode(ipxeDiscover());
        assertEquals(Optional.of(DhcpMessageType.DISCOVER), m.messageType());
        assertEquals(Optional.of(Mac.parse("52:54:00:12:34:56")), m.mac());
        assertEquals(0x12345678, m.xid());
        assertEquals(4, m.secs());
        assertEquals(List.of(0), m.clientArch());
        assertEquals(List.of("iPXE"), m.userClass());
        assertTrue(m.isIpxe());
        assertTrue(m.hasIpxeOptions());
        assertEquals(OptionalInt.of(1472), m.maxMessageSize());
        assertEquals(Optional.of("PXEClient:Arch:00000:UNDI:002001"), m.vendorClass());
        assertEquals(Optional.of(UUID.fromString("4c4c4544-0031-1080-38b2-c04f42503332")), m.clientUuid());
        assertEquals(23, m.parameterRequestList().size());
        assertEquals(175, m.parameterRequestList().get(21));
        assertArrayEquals(new byte[] {1, 0x52, 0x54, 0, 0x12, 0x34, 0x56}, m.clientIdentifier().orElseThrow());
        assertFalse(m.broadcast());
    }

    @Test
    void unknownMessageTypeDecodesWithoutType() throws Exception {
        DhcpMessage m = decode(Packets.request().option(53, 42).option(200, 1, 2, 3).end().bytes());
        assertEquals(Optional.empty(), m.messageType());
        assertArrayEquals(new byte[] {1, 2, 3}, m.option(200).orElseThrow().data());
        assertEquals(Optional.of(DhcpMessageType.LEASEACTIVE), decode(Packets.request().option(53, 13).bytes()).messageType());
    }

    @Test
    void truncatedHeader() {
        assertEquals(100, malformed(Arrays.copyOf(ipxeDiscover(), 100), "truncated header").offset());
        malformed(new byte[0], "truncated header");
        malformed(Arrays.copyOf(ipxeDiscover(), 238), "missing magic cookie");
    }

    @Test
    void badCookie() {
        assertEquals(236, malformed(Packets.request().cookie(0x63825364).option(53, 1).end().bytes(), "bad magic cookie").offset());
    }

    @Test
    void optionLengthPastEnd() {
        byte[] bytes = Packets.request().option(53, 1).raw(12, 10, 'a', 'b').bytes();
        MalformedPacketException e = malformed(bytes, "option 12 length 10 overruns the options field by 8 bytes");
        assertEquals(243, e.offset());
    }

    @Test
    void hugeLengthsAndMissingLengthByte() {
        malformed(Packets.request().raw(43, 255, 1, 2, 3).bytes(), "overruns");
        malformed(Packets.request().option(53, 1).raw(43).bytes(), "option 43 has no length byte");
    }

    @Test
    void missingEndAcceptedAtExactEndOfBuffer() throws Exception {
        DhcpMessage m = decode(Packets.request().option(53, 3).option(50, 10, 0, 0, 7).bytes());
        assertEquals(Optional.of(Ipv4.parse("10.0.0.7")), m.requestedAddress());
    }

    @Test
    void bytesAfterEndAreIgnored() throws Exception {
        DhcpMessage m = decode(Packets.request().option(53, 1).end().raw(12, 200, 0xde, 0xad).bytes());
        assertEquals(1, m.options().size());
    }

    @Test
    void fiftyThousandBytesOfPad() throws Exception {
        byte[] bytes = Arrays.copyOf(Packets.request().option(53, 1).bytes(), 50_000);
        assertEquals(1, decode(bytes).options().size());
        byte[] ends = Arrays.copyOf(Packets.request().bytes(), 50_000);
        Arrays.fill(ends, 240, ends.length, (byte) 255);
        assertTrue(decode(ends).options().isEmpty());
    }

    @Test
    void manySmallInstancesJoinIntoOneLongOption() throws Exception {
        Packets p = Packets.request();
        for (int i = 0; i < 20_000; i++) p.option(43, i & 0xff);
        assertEquals(20_000, decode(p.bytes()).option(43).orElseThrow().length());
    }

    @Test
    void splitOptionsAreConcatenatedInOptionsFileSnameOrder() throws Exception {
        byte[] bytes = Packets.request()
                .option(43, 1, 2, 3).option(53, 1).option(52, 3).option(43, 4, 5)
                .header(108, 43, 2, 6, 7, 255)
                .header(44, 43, 1, 8, 12, 2, 'h', 'i', 255)
                .end().bytes();
        DhcpMessage m = decode(bytes);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, m.option(43).orElseThrow().data());
        assertEquals(Optional.of("hi"), m.hostname());
        assertEquals("", m.sname());
        assertEquals("", m.file());
        assertFalse(m.has(52));
    }

    @Test
    void overloadOfFileOnlyKeepsSname() throws Exception {
        byte[] bytes = Packets.request().option(52, 1).end()
                .header(108, 67, 4, 'b', 'o', 'o', 't', 255).headerText(44, "boot-server").bytes();
        DhcpMessage m = decode(bytes);
        assertEquals("boot-server", m.sname());
        assertEquals("", m.file());
        assertEquals(Optional.of("boot"), m.option(67).map(DhcpOption::asText));
    }

    @Test
    void hostileOverloads() {
        malformed(Packets.request().option(52, 1).header(108, 52, 1, 1, 255).bytes(), "option overload (52) inside the overloaded file field");
        malformed(Packets.request().option(52, 3).header(44, 52, 1, 2, 255).bytes(), "inside the overloaded sname field");
        malformed(Packets.request().option(52, 1).option(52, 2).bytes(), "option overload (52) repeated");
        malformed(Packets.request().option(52, 4).bytes(), "must be one byte 1, 2 or 3");
        malformed(Packets.request().option(52, 1, 1).bytes(), "must be one byte 1, 2 or 3");
        malformed(Packets.request().option(52).bytes(), "must be one byte 1, 2 or 3");
        MalformedPacketException e = malformed(Packets.request().option(52, 1).header(108 + 120, 43, 20).bytes(),
                "option 43 length 20 overruns the file field");
        assertEquals(228, e.offset());
    }

    @Test
    void callerPassingBadLengthIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> DhcpCodec.decode(new byte[10], 11));
        assertThrows(IllegalArgumentException.class, () -> DhcpCodec.decode(new byte[10], -1));
    }

    @Test
    void unterminatedSnameAndFileFillTheField() throws Exception {
        byte[] bytes = Packets.request().headerText(44, "s".repeat(64)).headerText(108, "f".repeat(128)).option(53, 1).bytes();
        DhcpMessage m = decode(bytes);
        assertEquals("s".repeat(64), m.sname());
        assertEquals("f".repeat(128), m.file());
        assertEquals(m, decode(DhcpCodec.encode(m)));
    }
}
