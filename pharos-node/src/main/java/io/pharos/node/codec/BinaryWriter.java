package io.pharos.node.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fields of the binary log formats, appended to a growing array: integers big-endian, counts as unsigned
 * LEB128 varints, strings as a varint of (UTF-8 length + 1) then the bytes, with 0 standing for null.
 * {@link BinaryReader} reads them back.
 */
final class BinaryWriter {
    private byte[] bytes;
    private int size;

    BinaryWriter(int expectedSize) {
        bytes = new byte[Math.max(16, expectedSize)];
    }

    BinaryWriter u8(int value) {
        room(1);
        bytes[size++] = (byte) value;
        return this;
    }

    BinaryWriter int32(int value) {
        return bigEndian(value, 4);
    }

    /** The low 48 bits, as a MAC address is held. */
    BinaryWriter int48(long value) {
        return bigEndian(value, 6);
    }

    BinaryWriter int64(long value) {
        return bigEndian(value, 8);
    }

    BinaryWriter varint(int value) {
        if (value < 0) throw new IllegalArgumentException("a count cannot be negative: " + value);
        room(5);
        while ((value & ~0x7f) != 0) {
            bytes[size++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    BinaryWriter string(String text) {
        if (text == null) return varint(0);
        byte[] utf8 = utf8(text);
        varint(utf8.length + 1);
        room(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private BinaryWriter bigEndian(long value, int width) {
        room(width);
        for (int shift = 8 * (width - 1); shift >= 0; shift -= 8) bytes[size++] = (byte) (value >>> shift);
        return this;
    }

    private void room(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
    }

    /**
     * String.getBytes would silently write '?' for a lone surrogate, and the log would then hold other text
     * than was proposed; such a string is refused instead, as the JSON format refuses it.
     */
    private static byte[] utf8(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                try {
                    ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
                    return Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
                } catch (CharacterCodingException e) {
                    throw new IllegalArgumentException("not valid Unicode (a lone surrogate): '" + text + "'", e);
                }
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
