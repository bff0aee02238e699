package io.pharos.node.raft;

import static io.pharos.node.raft.RaftTestSupport.lease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.state.State;
import io.pharos.node.codec.CommandCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The batching itself, against a log stand-in that applies entries to a real State when the test says so;
 * end to end through Ratis it is covered by the node tests.
 */
class BatchingCommandLogTest {
    private static final BatchingCommandLog.Limits ONE_SLOT = new BatchingCommandLog.Limits(512, 1 << 20, 1, 1000, Duration.ZERO);

    /** Holds each sent entry until released, then applies it to a State as a node would. */
    private static final class HeldLog {
        final State state = new State();
        final LinkedBlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<CompletableFuture<Result>> answers = new LinkedBlockingQueue<>();

        CompletableFuture<Result> send(byte[] entry) {
            CompletableFuture<Result> answer = new CompletableFuture<>();
            sent.add(entry);
            answers.add(answer);
            return answer;
        }

        void awaitSent() {
            RaftTestSupport.await("an entry sent", Duration.ofSeconds(5), () -> !sent.isEmpty());
        }

        Command applyNext() throws InterruptedException {
            Command command = CommandCodec.decode(sent.poll(5, TimeUnit.SECONDS));
            answers.poll(5, TimeUnit.SECONDS).complete(state.apply(command));
            return command;
        }
    }

    @Test
    void commandsWaitingForASlotTravelTogetherAndEachGetsItsOwnResult() throws Exception {
        HeldLog log = new HeldLog();
        try (BatchingCommandLog batching = new BatchingCommandLog("t", log::send, ONE_SLOT)) {
            CompletableFuture<Result> first = batching.submit(RaftTestSupport.subnet());
            log.awaitSent();
            // The only slot is taken by the first entry: these wait, then go as one batch.
            List<CompletableFuture<Result>> rest = new ArrayList<>();
            for (int n = 0; n < 10; n++) rest.add(batching.submit(lease(n)));
            Command.BindLease conflicting = new Command.BindLease(lease(3).address(), lease(4).mac(), "other", null, "lab",
                    RaftTestSupport.NOW, RaftTestSupport.NOW + 1);
            CompletableFuture<Result> refused = batching.submit(conflicting);

            assertInstanceOf(Command.PutSubnet.class, log.applyNext(), "the first command went alone, at once");
            assertEquals(Result.OK, first.get(5, TimeUnit.SECONDS));
            Command.Batch batch = assertInstanceOf(Command.Batch.class, log.applyNext());
            assertEquals(11, batch.commands().size());
            for (CompletableFuture<Result> f : rest) assertEquals(Result.OK, f.get(5, TimeUnit.SECONDS));
            assertEquals(Result.Refusal.CONFLICT, assertInstanceOf(Result.Refused.class, refused.get(5, TimeUnit.SECONDS)).kind());
            assertEquals(11, batching.commandsSent() - 1);
            assertEquals(2, batching.entriesSent());
        }
    }

    /** The limits are read for each entry: a group that gains followers sends fewer entries at once. */
    @Test
    void theSlotLimitFollowsTheGroupsShapeFromTheNextEntryOn() throws Exception {
        HeldLog log = new HeldLog();
        AtomicReference<BatchingCommandLog.Limits> shape = new AtomicReference<>(
                new BatchingCommandLog.Limits(512, 1 << 20, 2, 1000, Duration.ZERO));
        try (BatchingCommandLog batching = new BatchingCommandLog("t", log::send, shape::get)) {
            CompletableFuture<Result> a = batching.submit(RaftTestSupport.subnet());
            log.awaitSent();
            CompletableFuture<Result> b = batching.submit(lease(0));
            RaftTestSupport.await("a second entry on its way with two slots", Duration.ofSeconds(5), () -> log.sent.size() == 2);

            shape.set(ONE_SLOT);
            log.applyNext();
            a.get(5, TimeUnit.SECONDS);
            CompletableFuture<Result> c = batching.submit(lease(1));
            Thread.sleep(200);
            assertEquals(1, log.sent.size(), "with one slot, c waits while b is on its way");
            log.applyNext();
            b.get(5, TimeUnit.SECONDS);
            log.awaitSent();
            log.applyNext();
            assertEquals(Result.OK, c.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aBatchOverTheEntrySizeIsSplit() throws Exception {
        HeldLog log = new HeldLog();
        int oneLease = CommandCodec.encode(lease(0)).length;
        try (BatchingCommandLog batching = new BatchingCommandLog("t", log::send,
                new BatchingCommandLog.Limits(512, oneLease * 5, 1, 1000, Duration.ZERO))) {
            CompletableFuture<Result> first = batching.submit(RaftTestSupport.subnet());
            log.awaitSent();
            List<CompletableFuture<Result>> rest = new ArrayList<>();
            for (int n = 0; n < 16; n++) rest.add(batching.submit(lease(n)));
            log.applyNext();
            first.get(5, TimeUnit.SECONDS);
            int commands = 0;
            while (commands < 16) {
                Command entry = log.applyNext();
                int size = entry instanceof Command.Batch b ? b.commands().size() : 1;
                assertTrue(size <= 4, "an entry of " + size + " leases is over the size limit");
                commands += size;
            }
            for (CompletableFuture<Result> f : rest) assertEquals(Result.OK, f.get(5, TimeUnit.SECONDS));
            assertEquals(16, log.state.leases().size());
        }
    }

    @Test
    void aFailedSendFailsEveryCommandInItWithNotCommitted() throws Exception {
        HeldLog log = new HeldLog();
        try (BatchingCommandLog batching = new BatchingCommandLog("t", log::send, ONE_SLOT)) {
            CompletableFuture<Result> first = batching.submit(lease(0));
            log.awaitSent();
            CompletableFuture<Result> second = batching.submit(lease(1));
            CompletableFuture<Result> third = batching.submit(lease(2));
            log.sent.poll(5, TimeUnit.SECONDS);
            log.answers.poll(5, TimeUnit.SECONDS).completeExceptionally(new IllegalStateException("no leader"));
            log.sent.poll(5, TimeUnit.SECONDS);
            log.answers.poll(5, TimeUnit.SECONDS).completeExceptionally(new IllegalStateException("no leader"));
            for (CompletableFuture<Result> f : List.of(first, second, third)) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> f.get(5, TimeUnit.SECONDS));
                assertInstanceOf(NotCommittedException.class, e.getCause());
            }
        }
    }

    @Test
    void afterCloseSubmitFailsAtOnceAndWaitingCommandsAreFailed() throws Exception {
        HeldLog log = new HeldLog();
        BatchingCommandLog batching = new BatchingCommandLog("t", log::send, ONE_SLOT);
        batching.submit(lease(0));
        log.awaitSent();
        CompletableFuture<Result> waiting = batching.submit(lease(1));
        log.sent.poll(5, TimeUnit.SECONDS);
        CompletableFuture<Result> inFlight = log.answers.poll(5, TimeUnit.SECONDS);
        Thread answer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.complete(Result.OK);
        });
        answer.start();
        batching.close();
        answer.join();
        assertInstanceOf(NotCommittedException.class, waiting.handle((r, e) -> e).get(5, TimeUnit.SECONDS));
        assertTrue(batching.submit(lease(2)).isCompletedExceptionally());
    }
}
