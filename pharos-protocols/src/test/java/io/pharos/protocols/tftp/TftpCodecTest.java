package io.pharos.protocols.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.protocols.MalformedPacketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TftpCodecTest {

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static TftpPacket decode(byte[] packet) throws MalformedPacketException {
        return TftpCodec.decode(packet, packet.length);
    }

    @Test
    void decodesReadRequestWithOptionsInClientOrder() throws Exception {
        TftpPacket packet = decode(bytes("\0\1pxelinux.0\0octet\0tsize\0000\0BLKSIZE\0001428\0x-vendor\0yes\0"));

        TftpPacket.ReadRequest request = (TftpPacket.ReadRequest) packet;
        assertEquals("pxelinux.0", request.filename());
        assertEquals("octet", request.mode());
        assertEquals(List.of("tsize", "BLKSIZE", "x-vendor"), List.copyOf(request.options().keySet()));
        assertEquals("1428", request.options().get("BLKSIZE"));
    }

    @Test
    void encodesEveryPacketKindAsRfc1350Lays() {
        assertArrayEquals(bytes("\0\1a\0octet\0"), TftpCodec.encode(new TftpPacket.ReadRequest("a", "octet")));
        assertArrayEquals(bytes("\0\2a\0octet\0"), TftpCodec.encode(new TftpPacket.WriteRequest("a", "octet", Map.of())));
        assertArrayEquals(bytes("\0\3\1\2xy"), TftpCodec.encode(new TftpPacket.Data(0x0102, bytes("xy"))));
        assertArrayEquals(bytes("\0\4\377\377"), TftpCodec.encode(new TftpPacket.Ack(65535)));
        assertArrayEquals(bytes("\0\5\0\1nope\0"), TftpCodec.encode(new TftpPacket.Error(1, "nope")));
        Map<String, String> options = new LinkedHashMap<>();
        options.put("tsize", "42");
        options.put("blksize", "1428");
        assertArrayEquals(bytes("\0\6tsize\00042\0blksize\0001428\0"), TftpCodec.encode(new TftpPacket.OptionAck(options)));
    }

    @Test
    void keepsUnknownErrorCodes() throws Exception {
        assertEquals(new TftpPacket.Error(4711, "odd"), decode(bytes("\0\5\022\147odd\0")));
    }

    @Test
    void toleratesNulPaddingAfterTheLastOption() throws Exception {
        TftpPacket packet = decode(bytes("\0\1f\0octet\0tsize\0000\0\0\0\0"));
        assertEquals(new TftpPacket.ReadRequest("f", "octet", Map.of("tsize", "0")), packet);
    }

    @Test
    void emptyDataBlockIsTheEndOfAFileOfWholeBlocks() throws Exception {
        assertEquals(new TftpPacket.Data(7, new byte[0]), decode(bytes("\0\3\0\7")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                  // nothing
            "\0",                                // half an opcode
            "\0\0",                              // opcode 0
            "\0\7abc",                           // opcode 7
            "\1\1",                              // opcode 257
            "\0\1file",                          // filename without NUL
            "\0\1file\0octet",                   // mode without NUL
            "\0\1file\0octet\0blksize",          // option name without NUL
            "\0\1file\0octet\0blksize\0",        // option without value
            "\0\1file\0octet\0blksize\0001428",  // value without NUL
            "\0\1file\0octet\0blksize\0008\0BlkSize\0009\0",     // same option twice
            "\0\1file\0octet\0\0x\0",            // empty option name before more data
            "\0\1f\377\0octet\0",                // not UTF-8
            "\0\3\0",                            // DATA without block number
            "\0\4\0",                            // short ACK
            "\0\4\0\1\0",                        // long ACK
            "\0\5\0\1",                          // ERROR without message
            "\0\5\0\1oops",                      // ERROR message without NUL
            "\0\5\0\1oops\0x",                   // bytes after ERROR message
            "\0\6tsize\0",                       // OACK option without value
    })
    void rejectsHostilePackets(String latin1) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> decode(bytes(latin1)));
        assertTrue(e.offset() >= 0 && e.offset() <= latin1.length(), "offset inside the packet: " + e.offset());
        assertTrue(!e.reason().isBlank());
    }

    @Test
    void reportsWhereTheProblemIs() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> decode(bytes("\0\1file\0octet\0blksize\0008\0BlkSize\0009\0")));
        assertEquals(23, e.offset());
        assertTrue(e.reason().contains("BlkSize"), e.reason());
    }

    @Test
    void decodesOnlyTheGivenLength() throws Exception {
        byte[] buffer = new byte[100];
        System.arraycopy(bytes("\0\4\0\11"), 0, buffer, 0, 4);
        buffer[4] = 99;
        assertEquals(new TftpPacket.Ack(9), TftpCodec.decode(buffer, 4));
    }

    @Test
    void recordsRefuseWhatTheWireCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new TftpPacket.Ack(65536));
        assertThrows(IllegalArgumentException.class, () -> new TftpPacket.Data(-1, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new TftpPacket.ReadRequest("a\0b", "octet"));
        assertThrows(IllegalArgumentException.class,
                () -> new TftpPacket.OptionAck(Map.of("tsize", "1", "TSIZE", "2")));
    }

    @Test
    void dataPayloadCannotBeChangedFromOutside() {
        byte[] payload = {1, 2, 3};
        TftpPacket.Data data = new TftpPacket.Data(1, payload);
        payload[0] = 9;
        data.payload()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, data.payload());
    }
}
