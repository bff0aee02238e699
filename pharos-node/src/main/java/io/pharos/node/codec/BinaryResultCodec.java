package io.pharos.node.codec;

import io.pharos.core.command.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * Results in binary: every lease entry is answered with one, a batch with a {@link Result.Batched} of as
 * many items as it had leases. Layout:
 *
 * <pre>
 * marker       1 byte    0x01; JSON results start with '{', so the two cannot be confused
 * result       tag 1 byte, then by tag:
 *   0 Done     nothing
 *   1 Refused  kind 1 byte (0 null, 1 NOT_FOUND, 2 CONFLICT, 3 INVALID), reason as a string
 *              (varint of UTF-8 length + 1, 0 for null, then the bytes)
 *   2 Batched  count varint, then that many results
 * </pre>
 *
 * Nesting deeper than {@link #MAX_NESTING} stays JSON, so that a corrupt reply cannot make the reader
 * recurse without bound; real results nest two deep at most (a batch holding a batch).
 */
final class BinaryResultCodec {
    static final byte MARKER = 0x01;
    static final int MAX_NESTING = 8;
    private static final int DONE = 0;
    private static final int REFUSED = 1;
    private static final int BATCHED = 2;

    private BinaryResultCodec() {}

    static boolean covers(Result result) {
        return nesting(result) <= MAX_NESTING;
    }

    /** Only for what {@link #covers} accepts. */
    static byte[] encode(Result result) {
        int items = result instanceof Result.Batched batched ? batched.results().size() : 1;
        BinaryWriter out = new BinaryWriter(8 + 2 * items).u8(MARKER);
        write(out, result);
        return out.toByteArray();
    }

    /** Reads bytes that start with {@link #MARKER}; anything unreadable is {@link BinaryReader.Malformed}. */
    static Result decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, 1);
        Result result = read(in, 1);
        in.expectEnd("the result");
        return result;
    }

    private static int nesting(Result result) {
        return switch (result) {
            case Result.Done done -> 1;
            case Result.Refused refused -> 1;
            case Result.Batched batched -> {
                int deepest = 0;
                for (Result item : batched.results()) deepest = Math.max(deepest, nesting(item));
                yield 1 + deepest;
            }
        };
    }

    private static void write(BinaryWriter out, Result result) {
        switch (result) {
            case Result.Done done -> out.u8(DONE);
            case Result.Refused refused -> out.u8(REFUSED).u8(code(refused.kind())).string(refused.reason());
            case Result.Batched batched -> {
                out.u8(BATCHED).varint(batched.results().size());
                for (Result item : batched.results()) write(out, item);
            }
        }
    }

    private static Result read(BinaryReader in, int depth) {
        int tag = in.u8("result tag");
        return switch (tag) {
            case DONE -> Result.OK;
            case REFUSED -> new Result.Refused(kind(in), in.string("reason"));
            case BATCHED -> {
                if (depth > MAX_NESTING) throw in.malformed(in.position() - 1, "results nest deeper than " + MAX_NESTING);
                int count = in.count("result count", 1);
                List<Result> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) items.add(read(in, depth + 1));
                yield new Result.Batched(items);
            }
            default -> throw in.malformed(in.position() - 1, "result tag " + tag + " is not Done (0), Refused (1) or Batched (2)");
        };
    }

    private static int code(Result.Refusal kind) {
        if (kind == null) return 0;
        return switch (kind) {
            case NOT_FOUND -> 1;
            case CONFLICT -> 2;
            case INVALID -> 3;
        };
    }

    private static Result.Refusal kind(BinaryReader in) {
        int code = in.u8("refusal kind");
        return switch (code) {
            case 0 -> null;
            case 1 -> Result.Refusal.NOT_FOUND;
            case 2 -> Result.Refusal.CONFLICT;
            case 3 -> Result.Refusal.INVALID;
            default -> throw in.malformed(in.position() - 1, "refusal kind " + code + " is not known to this version of Pharos");
        };
    }
}
