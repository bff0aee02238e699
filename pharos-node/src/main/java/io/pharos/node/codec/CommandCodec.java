package io.pharos.node.codec;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Log entries: one format byte, then the command as JSON. A node that meets a format it does not know
 * stops with a message instead of applying something it misreads.
 */
public final class CommandCodec {
    public static final byte FORMAT_V1 = 1;

    private CommandCodec() {}

    public static byte[] encode(Command command) {
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
        if (entry.length == 0 || entry[0] != FORMAT_V1)
            throw new IllegalStateException("log entry format " + (entry.length == 0 ? "(empty)" : entry[0])
                    + " is not known to this version of Pharos (knows " + FORMAT_V1 + "); upgrade this node");
        try {
            return PharosJson.mapper().readValue(Arrays.copyOfRange(entry, 1, entry.length), Command.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable log entry", e);
        }
    }

    public static byte[] encodeResult(Result result) {
        try {
            return PharosJson.mapper().writeValueAsBytes(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Result decodeResult(byte[] bytes) {
        try {
            return PharosJson.mapper().readValue(bytes, Result.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable command result", e);
        }
    }
}
