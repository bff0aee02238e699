package io.pharos.node.raft;

import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
import io.pharos.core.command.Result;
import io.pharos.node.codec.CommandCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit with pipelining: whatever commands are waiting when a send slot frees up travel as one log
 * entry ({@link Command.Batch}), with up to {@code maxInFlight} entries on their way at once. Under light
 * load each command goes alone as soon as it arrives (latency: one commit); under heavy load batches grow
 * and the per-command cost of a commit and an fsync shrinks. Commands are applied in submission order.
 *
 * <p>Futures complete on this log's completion thread, in commit order. Callers must not block in stages
 * chained synchronously on them (use {@code thenXxxAsync} with an executor of their own for slow work).
 */
public final class BatchingCommandLog implements CommandLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingCommandLog.class);

    /**
     * @param maxEntryBytes a batch larger than this is split in two (a single command is sent as it is)
     * @param maxWaiting    commands allowed to wait for a send slot before submit refuses more (overload)
     * @param maxInFlight   entries on their way at once. Small on purpose: each entry costs Ratis far more CPU
     *                      than a command inside it (append, fsync, apply, reply), and with few slots a steady
     *                      stream of commands gathers into larger entries instead of one entry each
     *                      (RATIS-NOTES: the lever is fewer, larger entries). Measured with the leader's local
     *                      path: at 2000 leases/s, 4 slots sent ~1.1 commands per entry, 1–2 slots ~1.5–3.
     *                      2 still overlaps a replication round trip with the fsync of the next entry.
     * @param linger        how long a batch waits for more commands once its first one is there. A local
     *                      commit takes well under a millisecond, so without waiting most entries carry one
     *                      command; 2 ms is nothing to a DHCP client or an API caller and, at 8000 leases/s,
     *                      gathers ~16 commands into each entry
     */
    public record Limits(int maxBatchCommands, int maxEntryBytes, int maxInFlight, int maxWaiting, Duration linger) {
        public static final Limits DEFAULT = new Limits(512, 1 << 20, 2, 100_000, Duration.ofMillis(2));
    }

    private record Pending(Command command, CompletableFuture<Result> future) {}

    private final Function<byte[], CompletableFuture<Result>> send;
    private final Limits limits;
    private final LinkedBlockingQueue<Pending> waiting;
    private final Semaphore inFlight;
    private final ExecutorService completions;
    private final Thread sender;
    private final LongAdder commandsSent = new LongAdder();
    private final LongAdder entriesSent = new LongAdder();
    private volatile boolean closed;

    /** @param send appends one encoded entry and completes with its result once committed and applied here */
    public BatchingCommandLog(String name, Function<byte[], CompletableFuture<Result>> send, Limits limits) {
        this.send = send;
        this.limits = limits;
        this.waiting = new LinkedBlockingQueue<>(limits.maxWaiting());
        this.inFlight = new Semaphore(limits.maxInFlight());
        this.completions = Executors.newSingleThreadExecutor(r -> daemon(r, "pharos-commit-" + name));
        this.sender = daemon(this::run, "pharos-batcher-" + name);
        sender.start();
    }

    @Override
    public CompletableFuture<Result> submit(Command command) {
        Objects.requireNonNull(command, "command");
        if (closed) return CompletableFuture.failedFuture(shuttingDown());
        Pending pending = new Pending(command, new CompletableFuture<>());
        if (!waiting.offer(pending))
            return CompletableFuture.failedFuture(new NotCommittedException("overloaded: " + limits.maxWaiting()
                    + " commands are already waiting for the Raft log; retry later"));
        if (closed && waiting.remove(pending)) pending.future().completeExceptionally(shuttingDown());
        return pending.future();
    }

    /** Commands sent so far, and the log entries that carried them (their ratio is the mean batch size). */
    public long commandsSent() {
        return commandsSent.sum();
    }

    public long entriesSent() {
        return entriesSent.sum();
    }

    /** For GET /stats: how well commands are grouped into entries, and how many wait for a send slot. */
    public record Stats(long commandsSent, long entriesSent, int waiting) {}

    public Stats stats() {
        return new Stats(commandsSent(), entriesSent(), waiting.size());
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        boolean holdsPermit = false;
        try {
            while (!closed) {
                inFlight.acquire();
                holdsPermit = true;
                batch.add(waiting.take());
                gather(batch);
                holdsPermit = false; // sendGroup hands it to the entry it sends
                try {
                    sendGroup(List.copyOf(batch));
                } catch (RuntimeException e) {
                    // A bug must not stop the sender: later commands would wait forever.
                    LOG.error("RAFT_BATCH_SEND_FAILED {} commands: {}; this is a bug, please report it", batch.size(), e, e);
                    for (Pending p : batch) p.future().completeExceptionally(e);
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            // close() interrupts; whatever this thread still held is failed here.
            if (holdsPermit) inFlight.release();
            NotCommittedException stop = shuttingDown();
            for (Pending p : batch) p.future().completeExceptionally(stop);
        }
    }

    /**
     * Adds what arrives within the linger after the first command, up to a full batch. The thread sleeps
     * through the linger instead of waiting on the queue: a waiting taker is woken by every command offered,
     * which at 15,000 leases/s is 15,000 thread wake-ups a second for nothing.
     */
    private void gather(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + limits.linger().toNanos();
        while (true) {
            waiting.drainTo(batch, limits.maxBatchCommands() - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= limits.maxBatchCommands() || left <= 0) return;
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) throw new InterruptedException();
        }
    }

    /** Sends one group as one entry; holds one in-flight permit on entry. */
    private void sendGroup(List<Pending> group) throws InterruptedException {
        byte[] entry;
        try {
            entry = CommandCodec.encode(group.size() == 1 ? group.get(0).command()
                    : new Command.Batch(group.stream().map(Pending::command).toList()));
        } catch (RuntimeException e) {
            if (group.size() > 1) {
                split(group);
                return;
            }
            inFlight.release();
            group.get(0).future().completeExceptionally(e);
            return;
        }
        if (entry.length > limits.maxEntryBytes() && group.size() > 1) {
            split(group);
            return;
        }
        commandsSent.add(group.size());
        entriesSent.increment();
        CompletableFuture<Result> result;
        try {
            result = send.apply(entry);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((r, error) -> {
            inFlight.release();
            try {
                completions.execute(() -> deliver(group, r, error));
            } catch (RejectedExecutionException closing) {
                deliver(group, r, error);
            }
        });
    }

    private void split(List<Pending> group) throws InterruptedException {
        int half = group.size() / 2;
        sendGroup(group.subList(0, half));
        inFlight.acquire();
        sendGroup(group.subList(half, group.size()));
    }

    private void deliver(List<Pending> group, Result result, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            RuntimeException failure = cause instanceof NotCommittedException n ? n
                    : new NotCommittedException("not committed: " + cause, cause);
            for (Pending p : group) p.future().completeExceptionally(failure);
        } else if (group.size() == 1) {
            group.get(0).future().complete(result);
        } else if (result instanceof Result.Batched batched && batched.results().size() == group.size()) {
            for (int i = 0; i < group.size(); i++) group.get(i).future().complete(batched.results().get(i));
        } else {
            IllegalStateException mismatch = new IllegalStateException("a batch of " + group.size()
                    + " commands was answered with " + result + "; the commands were applied, their results are lost");
            LOG.error("RAFT_BATCH_RESULT_MISMATCH {}", mismatch.getMessage());
            for (Pending p : group) p.future().completeExceptionally(mismatch);
        }
    }

    /** Fails what has not been sent; waits briefly for entries in flight to be answered. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        sender.interrupt();
        try {
            sender.join(TimeUnit.SECONDS.toMillis(5));
            if (inFlight.tryAcquire(limits.maxInFlight(), 5, TimeUnit.SECONDS)) inFlight.release(limits.maxInFlight());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        NotCommittedException stop = shuttingDown();
        for (Pending p; (p = waiting.poll()) != null; ) p.future().completeExceptionally(stop);
        completions.shutdown();
    }

    private static NotCommittedException shuttingDown() {
        return new NotCommittedException("the Raft log is shutting down; retry on the active node");
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }
}
