package io.pharos.node.http;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.LongAdder;

/** Stream wrappers that add the bytes passing through to a counter. */
final class CountingStreams {
    private CountingStreams() {}

    static InputStream in(InputStream in, LongAdder counter) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) counter.increment();
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) counter.add(n);
                return n;
            }
        };
    }

    static OutputStream out(OutputStream out, LongAdder counter) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                counter.increment();
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                out.write(buffer, offset, length);
                counter.add(length);
            }
        };
    }
}
