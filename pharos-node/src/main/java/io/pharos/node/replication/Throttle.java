package io.pharos.node.replication;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.function.LongSupplier;

/**
 * A shared limit on how fast this node sends blobs to its peers, so that a follower catching up on a
 * multi-gigabyte image cannot starve the boot traffic the active node serves on the same link. One
 * throttle covers every stream wrapped by it (a token bucket holding at most one second of credit).
 */
public final class Throttle {
    /** No limit. */
    public static final Throttle NONE = new Throttle(0, System::nanoTime);

    private static final int PIECE = 16 * 1024;

    private final long bytesPerSecond;
    private final LongSupplier nanos;
    private long credit;
    private long last;

    /**
     * @param bytesPerSecond the limit, 0 for none
     * @param nanos          a monotonic clock in nanoseconds, e.g. System::nanoTime
     */
    public Throttle(long bytesPerSecond, LongSupplier nanos) {
        if (bytesPerSecond < 0) throw new IllegalArgumentException("a rate limit cannot be negative: " + bytesPerSecond);
        this.bytesPerSecond = bytesPerSecond;
        this.nanos = nanos;
        this.last = nanos.getAsLong();
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Waits until count octets may be sent. */
    public void acquire(int count) throws InterruptedIOException {
        if (bytesPerSecond == 0) return;
        long waitNanos;
        synchronized (this) {
            long now = nanos.getAsLong();
            long elapsed = Math.min(now - last, 1_000_000_000L);
            long added = elapsed * bytesPerSecond / 1_000_000_000L;
            // Time too short to earn one octet stays on the clock instead of being lost to rounding.
            if (added > 0) {
                credit = Math.min(bytesPerSecond, credit + added);
                last = now;
            }
            credit -= count;
            waitNanos = credit >= 0 ? 0 : -credit * 1_000_000_000L / bytesPerSecond;
        }
        if (waitNanos == 0) return;
        try {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while rate-limited");
        }
    }

    /** The stream, writing no faster than this throttle allows. */
    public OutputStream wrap(OutputStream out) {
        if (bytesPerSecond == 0) return out;
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int done = 0; done < len; ) {
                    int n = Math.min(PIECE, len - done);
                    acquire(n);
                    out.write(b, off + done, n);
                    done += n;
                }
            }

            @Override
            public void write(int b) throws IOException {
                acquire(1);
                out.write(b);
            }
        };
    }
}
