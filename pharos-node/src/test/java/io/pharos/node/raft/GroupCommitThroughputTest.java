package io.pharos.node.raft;

import static io.pharos.node.raft.RaftTestSupport.lease;
import static io.pharos.node.raft.RaftTestSupport.subnet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints what one node sustains (target: 15k lease commands/s on 2 cores); asserts only that every command
 * was committed, never a rate, since the figures depend on the machine and its load.
 */
class GroupCommitThroughputTest {
    private static final int COUNT = 40_000;
    private static final int WINDOW = 256;

    @TempDir
    Path dir;

    @Test
    void printsRatesAndLatency() throws Exception {
        try (RaftNode node = RaftNode.start(RaftTestSupport.singleNode(dir))) {
            node.awaitLeader(Duration.ofSeconds(10));
            node.commandLog().submit(subnet()).get(5, TimeUnit.SECONDS);
            BatchingCommandLog log = (BatchingCommandLog) node.commandLog();
            burst(node, 0, 5_000); // warm-up

            long entries = log.entriesSent();
            long start = System.nanoTime();
            burst(node, 5_000, COUNT);
            double seconds = (System.nanoTime() - start) / 1e9;
            long used = log.entriesSent() - entries;
            System.out.printf("RAFT_THROUGHPUT burst: %d commands in %.2f s = %.0f commands/s, %d log entries (%.1f per entry)%n",
                    COUNT, seconds, COUNT / seconds, used, (double) COUNT / used);

            start = System.nanoTime();
            windowed(node, 50_000, COUNT);
            seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("RAFT_THROUGHPUT %d in flight: %d commands in %.2f s = %.0f commands/s%n",
                    WINDOW, COUNT, seconds, COUNT / seconds);

            long[] micros = new long[300];
            for (int i = 0; i < micros.length; i++) {
                long t = System.nanoTime();
                assertEquals(Result.OK, node.commandLog().submit(lease(100_000 + i)).get(5, TimeUnit.SECONDS));
                micros[i] = (System.nanoTime() - t) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("RAFT_LATENCY one command at a time: p50 %.2f ms, p99 %.2f ms%n",
                    micros[micros.length / 2] / 1000.0, micros[micros.length * 99 / 100] / 1000.0);
            assertEquals(5_000 + 2 * COUNT + micros.length, node.state().leases().size());
        }
    }

    /** Everything at once. */
    private static void burst(RaftNode node, int from, int count) throws Exception {
        List<CompletableFuture<Result>> futures = new ArrayList<>(count);
        for (int n = from; n < from + count; n++) futures.add(node.commandLog().submit(lease(n)));
        for (CompletableFuture<Result> f : futures) assertEquals(Result.OK, f.get(30, TimeUnit.SECONDS));
    }

    /** As a busy DHCP server sees it: a bounded number of clients waiting for their ACK at any time. */
    private static void windowed(RaftNode node, int from, int count) throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        AtomicInteger failed = new AtomicInteger();
        for (int n = from; n < from + count; n++) {
            window.acquire();
            node.commandLog().submit(lease(n)).whenComplete((result, error) -> {
                if (error != null || !result.isOk()) failed.incrementAndGet();
                window.release();
            });
        }
        assertTrue(window.tryAcquire(WINDOW, 30, TimeUnit.SECONDS), "every command answered");
        assertEquals(0, failed.get());
    }
}
