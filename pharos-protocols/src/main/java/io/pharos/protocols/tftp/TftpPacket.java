package io.pharos.protocols.tftp;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One TFTP packet (RFC 1350 §5, OACK from RFC 2347). Block numbers are the 16-bit wire values; option
 * maps keep the client's order and spelling, and names are unique ignoring case (RFC 2347: names are
 * case-insensitive).
 */
public sealed interface TftpPacket {
    int MAX_BLOCK = 0xffff;

    record ReadRequest(String filename, String mode, Map<String, String> options) implements TftpPacket {
        public ReadRequest {
            filename = requireWireString(filename, "filename");
            mode = requireWireString(mode, "mode");
            options = copyOptions(options);
        }

        public ReadRequest(String filename, String mode) {
            this(filename, mode, Map.of());
        }
    }

    record WriteRequest(String filename, String mode, Map<String, String> options) implements TftpPacket {
        public WriteRequest {
            filename = requireWireString(filename, "filename");
            mode = requireWireString(mode, "mode");
            options = copyOptions(options);
        }
    }

    /** The payload is copied in and out: a record must not share a mutable array with its caller. */
    record Data(int block, byte[] payload) implements TftpPacket {
        public Data {
            requireBlock(block);
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        public int length() {
            return payload.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Data that && block == that.block && Arrays.equals(payload, that.payload);
        }

        @Override
        public int hashCode() {
            return 31 * block + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Data[block=" + block + ", length=" + payload.length + "]";
        }
    }

    record Ack(int block) implements TftpPacket {
        public Ack {
            requireBlock(block);
        }
    }

    /** Codes other than the named ones are kept as they arrive. */
    record Error(int code, String message) implements TftpPacket {
        public static final int NOT_DEFINED = 0;
        public static final int FILE_NOT_FOUND = 1;
        public static final int ACCESS_VIOLATION = 2;
        public static final int DISK_FULL = 3;
        public static final int ILLEGAL_OPERATION = 4;
        public static final int UNKNOWN_TRANSFER_ID = 5;
        public static final int FILE_EXISTS = 6;
        public static final int NO_SUCH_USER = 7;
        /** RFC 2347: the client refuses the options of an OACK and ends the transfer. */
        public static final int OPTION_REFUSED = 8;

        public Error {
            if (code < 0 || code > 0xffff) throw new IllegalArgumentException("error code out of 16 bits: " + code);
            message = requireWireString(message, "message");
        }
    }

    record OptionAck(Map<String, String> options) implements TftpPacket {
        public OptionAck {
            options = copyOptions(options);
        }
    }

    private static void requireBlock(int block) {
        if (block < 0 || block > MAX_BLOCK) throw new IllegalArgumentException("block number out of 16 bits: " + block);
    }

    /** RFC 1350 strings are NUL-terminated on the wire, so they cannot hold NUL themselves. */
    private static String requireWireString(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.indexOf('\0') >= 0) throw new IllegalArgumentException(what + " contains NUL");
        return value;
    }

    private static Map<String, String> copyOptions(Map<String, String> options) {
        Set<String> seen = new HashSet<>();
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        options.forEach((name, value) -> {
            requireWireString(name, "option name");
            requireWireString(value, "option value");
            if (name.isEmpty()) throw new IllegalArgumentException("empty option name");
            if (!seen.add(name.toLowerCase(Locale.ROOT)))
                throw new IllegalArgumentException("option named twice (ignoring case): " + name);
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }
}
