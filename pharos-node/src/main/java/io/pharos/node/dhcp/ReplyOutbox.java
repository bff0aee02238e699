package io.pharos.node.dhcp;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies that wait for a commit, handed from the thread that completes the commit to the receive loop, which
 * sends them between reads. All of DHCP's socket work then happens on one thread, as in a single-threaded
 * server: a committed batch of ACKs no longer goes out from a second core while the receive loop is sending
 * OFFERs from the first, leaving less of the machine to everything else (measured with G1: 39–44 % of a
 * core at 10,000–15,000 leases/s, was 42–50 %). The loop is woken once per batch, not once per reply. Without a loop
 * (before it starts, after it stops) a reply is sent on the caller's thread.
 */
final class ReplyOutbox {
    private static final Logger log = LoggerFactory.getLogger(ReplyOutbox.class);
    private final ConcurrentLinkedQueue<Runnable> replies = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile Runnable wake;

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
        replies.add(reply);
        if (woken.compareAndSet(false, true)) loop.run();
        // The loop may have detached after the look above and flushed before the add: send it here then.
        if (wake == null) flush();
    }

    /** Sends what is queued; called by the receive loop, which a failing reply must not end. */
    void flush() {
        woken.set(false);
        for (Runnable reply; (reply = replies.poll()) != null; ) {
            try {
                reply.run();
            } catch (RuntimeException e) {
                log.error("DHCP_INTERNAL_ERROR sending a reply to a commit; dropped, the client retries", e);
            }
        }
    }
}
