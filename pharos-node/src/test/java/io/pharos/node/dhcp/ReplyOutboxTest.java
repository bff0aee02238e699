package io.pharos.node.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplyOutboxTest {
    private final ReplyOutbox outbox = new ReplyOutbox();
    private final List<String> sent = new ArrayList<>();
    private final AtomicInteger wakes = new AtomicInteger();

    @Test
    void withoutALoopAReplyGoesOutAtOnce() {
        outbox.add(() -> sent.add("ack"));
        assertEquals(List.of("ack"), sent);
    }

    @Test
    void theLoopSendsABatchInOrderAndIsWokenOncePerBatch() {
        outbox.attach(wakes::incrementAndGet);
        for (int i = 0; i < 3; i++) {
            String name = "ack" + i;
            outbox.add(() -> sent.add(name));
        }
        assertEquals(List.of(), sent, "the committing thread sends nothing itself");
        assertEquals(1, wakes.get());
        outbox.flush();
        assertEquals(List.of("ack0", "ack1", "ack2"), sent);
        outbox.add(() -> sent.add("next"));
        assertEquals(2, wakes.get(), "after a flush the next reply wakes the loop again");
    }

    @Test
    void aFailingReplyDoesNotStopTheOthersNorTheLoop() {
        outbox.attach(wakes::incrementAndGet);
        outbox.add(() -> { throw new IllegalStateException("bug"); });
        outbox.add(() -> sent.add("ack"));
        outbox.flush();
        assertEquals(List.of("ack"), sent);
    }

    @Test
    void detachingSendsWhatWaitsAndLaterRepliesGoOutAtOnce() {
        outbox.attach(wakes::incrementAndGet);
        outbox.add(() -> sent.add("queued"));
        outbox.detach();
        outbox.add(() -> sent.add("late"));
        assertEquals(List.of("queued", "late"), sent);
    }

    @Test
    void theLoopSendsALoneReplyAtOnceAndSpreadsABatchOverTheFollowingMilliseconds() {
        long[] now = {0};
        long ms = 1_000_000;
        ReplyOutbox paced = new ReplyOutbox(() -> now[0]);
        paced.attach(wakes::incrementAndGet);
        paced.add(() -> sent.add("lone"));
        assertFalse(paced.flushPaced(), "nothing left to wait");
        assertEquals(List.of("lone"), sent);

        sent.clear();
        for (int i = 0; i < 100; i++) {
            String name = "ack" + i;
            paced.add(() -> sent.add(name));
        }
        now[0] += 5_000 * ms; // the loop slept meanwhile: time before the batch came earns it nothing
        assertTrue(paced.flushPaced(), "replies still wait: the loop must come back within a millisecond");
        assertEquals(1, sent.size(), "the first of the batch goes at once, the rest not in the same burst");
        now[0] += ms;
        paced.flushPaced();
        assertTrue(sent.size() > 5 && sent.size() < 30, "a share of the batch after 1 ms: " + sent.size());
        long spread = ReplyOutbox.SPREAD.toMillis();
        for (long t = 1; t < 2 * spread; t++) {
            now[0] += ms;
            paced.flushPaced();
        }
        assertTrue(sent.size() >= 75, "most of the batch is out within twice the spread: " + sent.size());
        int turns = 0;
        while (paced.flushPaced()) {
            now[0] += ms;
            assertTrue(++turns <= 3 * spread, "the tail leaves at one reply a millisecond or faster");
        }
        assertEquals(IntStream.range(0, 100).mapToObj(i -> "ack" + i).toList(), sent, "all of them, in order");
    }
}
