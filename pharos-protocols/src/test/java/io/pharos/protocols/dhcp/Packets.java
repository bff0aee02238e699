package io.pharos.protocols.dhcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds raw DHCP packets byte by byte, as a capture would show them, for hostile and real-world cases. */
final class Packets {
    private final byte[] header = new byte[236];
    private final ByteArrayOutputStream options = new ByteArrayOutputStream();
    private int cookie = DhcpCodec.MAGIC_COOKIE;

    /** A BOOTREQUEST from Ethernet MAC 52:54:00:12:34:56 with xid 0x12345678. */
    static Packets request() {
        Packets p = new Packets();
        p.header[0] = 1;
        p.header[1] = 1;
        p.header[2] = 6;
        p.header[4] = 0x12;
        p.header[5] = 0x34;
        p.header[6] = 0x56;
        p.header[7] = 0x78;
        byte[] mac = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
        System.arraycopy(mac, 0, p.header, 28, 6);
        return p;
    }

    Packets cookie(int value) {
        cookie = value;
        return this;
    }

    Packets raw(int... bytes) {
        for (int b : bytes) options.write(b);
        return this;
    }

    Packets option(int code, int... bytes) {
        options.write(code);
        options.write(bytes.length);
        return raw(bytes);
    }

    Packets option(int code, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        options.write(code);
        options.write(bytes.length);
        options.writeBytes(bytes);
        return this;
    }

    Packets end() {
        return raw(255);
    }

    /** Writes raw bytes into the sname field (offset 44) or file field (offset 108) of the header. */
    Packets header(int offset, int... bytes) {
        for (int i = 0; i < bytes.length; i++) header[offset + i] = (byte) bytes[i];
        return this;
    }

    Packets headerText(int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.write(cookie >>> 24);
        out.write(cookie >>> 16);
        out.write(cookie >>> 8);
        out.write(cookie);
        out.writeBytes(options.toByteArray());
        return out.toByteArray();
    }

    static int[] ascii(String text) {
        return text.chars().toArray();
    }
}
