package io.pharos.node.codec;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Log entries: one format byte, then the command. Lease bindings, which are nearly all entries under load,
 * are binary ({@link LeaseBatchCodec}); everything else is JSON. A node that meets a format it does not know
 * stops with a message instead of applying something it misreads.
 *
 * <p>Results start with {@link BinaryResultCodec#MARKER} when binary and '{' when JSON; both are read.
 */
public final class CommandCodec {
    /** The command as JSON ({@link PharosJson}); every entry written before format 2, and all but leases since. */
    public static final byte FORMAT_V1 = 1;
    /** A lease binding or a batch of them, binary ({@link LeaseBatchCodec}). */
    public static final byte FORMAT_BINARY_LEASES = 2;
    /** The highest format this build writes; a node that cannot read it must not join ({@code Compatibility}). */
    public static final byte NEWEST_FORMAT = FORMAT_BINARY_LEASES;

    private CommandCodec() {}

    public static byte[] encode(Command command) {
        if (LeaseBatchCodec.covers(command)) return LeaseBatchCodec.encode(FORMAT_BINARY_LEASES, command);
        try {
            byte[] json = PharosJson.mapper().writeValueAsBytes(command);
            byte[] out = new byte[json.length + 1];
            out[0] = FORMAT_V1;
            System.arraycopy(json, 0, out, 1, json.length);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Command decode(byte[] entry) {
        byte format = entry.length == 0 ? 0 : entry[0];
        if (format == FORMAT_BINARY_LEASES) {
            try {
                return LeaseBatchCodec.decode(entry);
            } catch (BinaryReader.Malformed e) {
                throw new IllegalStateException("unreadable log entry (format " + FORMAT_BINARY_LEASES + ", binary leases) "
                        + e.getMessage(), e);
            }
        }
        if (format != FORMAT_V1)
            throw new IllegalStateException("log entry format " + (entry.length == 0 ? "(empty)" : entry[0])
                    + " is not known to this version of Pharos (knows " + FORMAT_V1 + " and " + FORMAT_BINARY_LEASES
                    + "); upgrade this node");
        try {
            return PharosJson.mapper().readValue(Arrays.copyOfRange(entry, 1, entry.length), Command.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable log entry", e);
        }
    }

    public static byte[] encodeResult(Result result) {
        if (BinaryResultCodec.covers(result)) return BinaryResultCodec.encode(result);
        try {
            return PharosJson.mapper().writeValueAsBytes(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Result decodeResult(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == BinaryResultCodec.MARKER) {
            try {
                return BinaryResultCodec.decode(bytes);
            } catch (BinaryReader.Malformed e) {
                throw new IllegalStateException("unreadable command result (binary) " + e.getMessage(), e);
            }
        }
        try {
            return PharosJson.mapper().readValue(bytes, Result.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable command result", e);
        }
    }
}
