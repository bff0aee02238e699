package io.pharos.node.codec;

import io.pharos.core.state.StateSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Snapshot files: a header line naming the format and the last applied index, then the state as JSON. */
public final class SnapshotCodec {
    static final String MAGIC = "pharos-snapshot v1";

    private SnapshotCodec() {}

    public record Loaded(long term, long index, StateSnapshot state) {}

    public static void write(OutputStream out, long term, long index, StateSnapshot state) throws IOException {
        out.write((MAGIC + " term=" + term + " index=" + index + "\n").getBytes(StandardCharsets.US_ASCII));
        PharosJson.mapper().writeValue(new NonClosing(out), state);
    }

    public static Loaded read(InputStream in) throws IOException {
        StringBuilder header = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0 || header.length() > 200) throw new IOException("not a Pharos snapshot (no header line)");
            header.append((char) c);
        }
        String[] parts = header.toString().split(" ");
        if (parts.length != 4 || !(parts[0] + " " + parts[1]).equals(MAGIC))
            throw new IOException("snapshot format '" + header + "' is not known to this version of Pharos (knows '"
                    + MAGIC + "'); upgrade this node");
        long term = Long.parseLong(parts[2].substring("term=".length()));
        long index = Long.parseLong(parts[3].substring("index=".length()));
        return new Loaded(term, index, PharosJson.mapper().readValue(in, StateSnapshot.class));
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
