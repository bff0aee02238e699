package io.pharos.node.dhcp;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies that wait for a commit, handed from the thread that completes the commit to the receive loop, which
 * sends them between reads. All of DHCP's socket work then happens on one thread, as in a single-threaded
 * server: a committed batch of ACKs no longer goes out from a second core while the receive loop is sending
 * OFFERs from the first, leaving less of the machine to everything else (measured with G1: 39–44 % of a
 * core at 10,000–15,000 leases/s, was 42–50 %). The loop is woken once per batch, not once per reply. Without a loop
 * (before it starts, after it stops) a reply is sent on the caller's thread.
 *
 * <p>The loop paces them ({@link #flushPaced}): a reply that finds the outbox empty goes at once, the rest of a
 * committed batch drains over the next few milliseconds (each moment sends its share of what waits, with time
 * constant {@link #SPREAD}, and at least one reply a millisecond). A relay agent, or perfdhcp, then gets a steady stream instead of a hundred replies
 * at once that overflow its socket while it is not scheduled. Measured on a 3-node group at 12,500 leases/s,
 * together with a 10 ms batching linger (BatchingCommandLog.Limits.REPLICATED), against a 5 ms linger without
 * pacing, alternating every 8 s in one run: perfdhcp's socket dropped a median 1,190 replies per window instead
 * of 2,733, and the three nodes used 58 % of a core instead of 72 %.
 */
final class ReplyOutbox {
    /** Time constant of the drain: a batch's replies are mostly out within twice this. */
    static final Duration SPREAD = Duration.ofMillis(8);
    private static final Logger log = LoggerFactory.getLogger(ReplyOutbox.class);
    private final ConcurrentLinkedQueue<Runnable> replies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final LongSupplier clock;
    private final long spreadNanos = SPREAD.toNanos();
    private volatile Runnable wake;
    // Touched by the loop's thread only (flushPaced).
    private double credit;
    private long lastPaced;
    private boolean wasEmpty = true;

    ReplyOutbox() {
        this(System::nanoTime);
    }

    ReplyOutbox(LongSupplier clock) {
        this.clock = clock;
    }

    /** The receive loop takes over sending; {@code wake} makes it look at this outbox soon (Selector.wakeup). */
    void attach(Runnable wake) {
        this.wake = wake;
    }

    /** The loop ends: what is queued goes out now, later replies on their own threads. */
    void detach() {
        wake = null;
        flush();
    }

    void add(Runnable reply) {
        Runnable loop = wake;
        if (loop == null) {
            reply.run();
            return;
        }
        queued.incrementAndGet(); // before the reply is there to take, so the count is never below the queue
        replies.add(reply);
        if (woken.compareAndSet(false, true)) loop.run();
        // The loop may have detached after the look above and flushed before the add: send it here then.
        if (wake == null) flush();
    }

    /** Sends all that is queued. */
    void flush() {
        woken.set(false);
        send(Integer.MAX_VALUE);
    }

    /**
     * Sends the share of the queue due since the last call; called by the receive loop on every turn. Returns
     * whether replies still wait, in which case the loop must come back within a millisecond.
     */
    boolean flushPaced() {
        woken.set(false);
        long now = clock.getAsLong();
        int waiting = queued.get();
        if (waiting > 0) {
            // The first turn that finds replies after an empty outbox sends one at once; after that each turn
            // sends its share of what waits for the time since the turn before, and at least one a millisecond
            // (the tail of a batch does not linger).
            double perSpread = Math.max(waiting, SPREAD.toMillis());
            credit = wasEmpty ? 1 : Math.min(waiting, credit + (now - lastPaced) * perSpread / spreadNanos);
            int due = (int) credit;
            credit -= due;
            send(due);
        }
        lastPaced = now;
        wasEmpty = queued.get() == 0;
        return !wasEmpty;
    }

    /** Sends up to {@code max} replies; a failing reply must not end the receive loop. */
    private void send(int max) {
        int sent = 0;
        for (Runnable reply; sent < max && (reply = replies.poll()) != null; sent++) {
            queued.decrementAndGet();
            try {
                reply.run();
            } catch (RuntimeException e) {
                log.error("DHCP_INTERNAL_ERROR sending a reply to a commit; dropped, the client retries", e);
            }
        }
    }
}
