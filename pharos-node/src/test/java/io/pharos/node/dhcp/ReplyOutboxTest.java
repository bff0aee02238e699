package io.pharos.node.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
}
