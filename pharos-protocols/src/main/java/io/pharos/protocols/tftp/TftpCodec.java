package io.pharos.protocols.tftp;

import io.pharos.protocols.MalformedPacketException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Bytes to {@link TftpPacket} and back (RFC 1350 §5, RFC 2347 for options and OACK). Pure. */
public final class TftpCodec {
    static final int RRQ = 1;
    static final int WRQ = 2;
    static final int DATA = 3;
    static final int ACK = 4;
    static final int ERROR = 5;
    static final int OACK = 6;

    private TftpCodec() {
    }

    public static TftpPacket decode(byte[] buf, int len) throws MalformedPacketException {
        if (len < 0 || len > buf.length) throw new IllegalArgumentException("length " + len + " outside buffer");
        if (len < 2) throw new MalformedPacketException(len, "truncated before opcode");
        int opcode = u16(buf, 0);
        return switch (opcode) {
            case RRQ -> {
                Request request = decodeRequest(buf, len);
                yield new TftpPacket.ReadRequest(request.filename, request.mode, request.options);
            }
            case WRQ -> {
                Request request = decodeRequest(buf, len);
                yield new TftpPacket.WriteRequest(request.filename, request.mode, request.options);
            }
            case DATA -> {
                requireLength(buf, len, 4, "DATA");
                yield new TftpPacket.Data(u16(buf, 2), Arrays.copyOfRange(buf, 4, len));
            }
            case ACK -> {
                requireLength(buf, len, 4, "ACK");
                if (len > 4) throw new MalformedPacketException(4, "ACK longer than 4 bytes");
                yield new TftpPacket.Ack(u16(buf, 2));
            }
            case ERROR -> {
                requireLength(buf, len, 5, "ERROR");
                int end = terminator(buf, 4, len);
                if (end + 1 != len) throw new MalformedPacketException(end + 1, "bytes after ERROR message");
                yield new TftpPacket.Error(u16(buf, 2), text(buf, 4, end));
            }
            case OACK -> new TftpPacket.OptionAck(decodeOptions(buf, 2, len));
            default -> throw new MalformedPacketException(0, "unknown opcode " + opcode);
        };
    }

    public static byte[] encode(TftpPacket packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        switch (packet) {
            case TftpPacket.ReadRequest r -> {
                writeU16(out, RRQ);
                writeRequest(out, r.filename(), r.mode(), r.options());
            }
            case TftpPacket.WriteRequest w -> {
                writeU16(out, WRQ);
                writeRequest(out, w.filename(), w.mode(), w.options());
            }
            case TftpPacket.Data d -> {
                writeU16(out, DATA);
                writeU16(out, d.block());
                out.writeBytes(d.payload());
            }
            case TftpPacket.Ack a -> {
                writeU16(out, ACK);
                writeU16(out, a.block());
            }
            case TftpPacket.Error e -> {
                writeU16(out, ERROR);
                writeU16(out, e.code());
                writeString(out, e.message());
            }
            case TftpPacket.OptionAck o -> {
                writeU16(out, OACK);
                writeOptions(out, o.options());
            }
        }
        return out.toByteArray();
    }

    private record Request(String filename, String mode, Map<String, String> options) {
    }

    private static Request decodeRequest(byte[] buf, int len) throws MalformedPacketException {
        int filenameEnd = terminator(buf, 2, len);
        int modeEnd = terminator(buf, filenameEnd + 1, len);
        return new Request(text(buf, 2, filenameEnd), text(buf, filenameEnd + 1, modeEnd),
                decodeOptions(buf, modeEnd + 1, len));
    }

    private static Map<String, String> decodeOptions(byte[] buf, int from, int len) throws MalformedPacketException {
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        int pos = from;
        while (pos < len) {
            // Tolerate NUL padding after the last option: it carries nothing and some clients send it.
            if (onlyNulsFrom(buf, pos, len)) break;
            int nameEnd = terminator(buf, pos, len);
            if (nameEnd == pos) throw new MalformedPacketException(pos, "empty option name");
            String name = text(buf, pos, nameEnd);
            if (nameEnd + 1 >= len)
                throw new MalformedPacketException(nameEnd + 1, "option '" + name + "' has no value");
            int valueEnd = terminator(buf, nameEnd + 1, len);
            String value = text(buf, nameEnd + 1, valueEnd);
            if (!seen.add(name.toLowerCase(Locale.ROOT)))
                throw new MalformedPacketException(pos, "option '" + name + "' given twice");
            options.put(name, value);
            pos = valueEnd + 1;
        }
        return options;
    }

    private static boolean onlyNulsFrom(byte[] buf, int pos, int len) {
        for (int i = pos; i < len; i++) if (buf[i] != 0) return false;
        return true;
    }

    private static void requireLength(byte[] buf, int len, int min, String what) throws MalformedPacketException {
        if (len < min) throw new MalformedPacketException(len, what + " shorter than " + min + " bytes");
    }

    /** Index of the NUL that ends the string starting at {@code from}. */
    private static int terminator(byte[] buf, int from, int len) throws MalformedPacketException {
        for (int i = from; i < len; i++) if (buf[i] == 0) return i;
        throw new MalformedPacketException(Math.min(from, len), "string without NUL terminator");
    }

    /** RFC 1350 says netascii; UTF-8 is its superset, decoded strictly so bad bytes are reported. */
    private static String text(byte[] buf, int from, int to) throws MalformedPacketException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPacketException(from, "string is not valid UTF-8");
        }
    }

    private static int u16(byte[] buf, int at) {
        return ((buf[at] & 0xff) << 8) | (buf[at + 1] & 0xff);
    }

    private static void writeU16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static void writeRequest(ByteArrayOutputStream out, String filename, String mode,
                                     Map<String, String> options) {
        writeString(out, filename);
        writeString(out, mode);
        writeOptions(out, options);
    }

    private static void writeOptions(ByteArrayOutputStream out, Map<String, String> options) {
        options.forEach((name, value) -> {
            writeString(out, name);
            writeString(out, value);
        });
    }
}
