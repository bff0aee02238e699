package io.pharos.node.codec;

import java.nio.charset.StandardCharsets;

/**
 * Reads the fields {@link BinaryWriter} writes. Every read checks the bounds first, so a truncated or
 * corrupt input raises one exception naming the field and the offset instead of an index error.
 */
final class BinaryReader {
    /** What went wrong and where; callers add which kind of input it was (log entry, result). */
    static final class Malformed extends IllegalStateException {
        Malformed(String message) {
            super(message);
        }
    }

    private final byte[] bytes;
    private int position;

    BinaryReader(byte[] bytes, int start) {
        this.bytes = bytes;
        this.position = start;
    }

    int position() {
        return position;
    }

    int remaining() {
        return bytes.length - position;
    }

    int u8(String field) {
        need(1, field);
        return bytes[position++] & 0xff;
    }

    int int32(String field) {
        return (int) bigEndian(4, field);
    }

    long int48(String field) {
        return bigEndian(6, field);
    }

    long int64(String field) {
        return bigEndian(8, field);
    }

    int varint(String field) {
        int start = position;
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8(field);
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 28 && b > 0x07) throw malformed(start, field + " is over " + Integer.MAX_VALUE);
                return value;
            }
        }
        throw malformed(start, field + " is longer than 5 bytes");
    }

    /** A count of items that each take at least minItemBytes: a corrupt count is caught before allocating. */
    int count(String field, int minItemBytes) {
        int start = position;
        int count = varint(field);
        if ((long) count * minItemBytes > remaining())
            throw malformed(start, field + " " + count + " cannot fit in the " + remaining() + " bytes left");
        return count;
    }

    String string(String field) {
        int start = position;
        int prefix = varint(field);
        if (prefix == 0) return null;
        int length = prefix - 1;
        if (length > remaining())
            throw malformed(start, field + " of " + length + " bytes runs past the end");
        String text = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    void expectEnd(String what) {
        if (remaining() != 0) throw malformed(position, remaining() + " bytes left over after " + what);
    }

    Malformed malformed(int offset, String reason) {
        return new Malformed("at byte " + offset + " of " + bytes.length + ": " + reason);
    }

    private long bigEndian(int width, String field) {
        need(width, field);
        long value = 0;
        for (int i = 0; i < width; i++) value = (value << 8) | (bytes[position++] & 0xff);
        return value;
    }

    private void need(int count, String field) {
        if (count > remaining())
            throw malformed(position, "it ends " + (count - remaining()) + " byte(s) short, inside " + field);
    }
}
