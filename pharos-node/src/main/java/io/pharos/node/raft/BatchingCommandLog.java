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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
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
     * @param maxWaiting    commands allowed to wait for a send slot before submit refuses more (overload; read
     *                      once, at construction)
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
        /** A node that is the whole group: an entry costs one local append and fsync. */
        public static final Limits DEFAULT = new Limits(512, 1 << 20, 2, 100_000, Duration.ofMillis(2));
        /**
         * A node with followers: each entry also costs every follower a network round, an fsync and an apply,
         * and each of those hops wakes a thread. One entry on its way and a 5 ms linger gathered 2–3 times as
         * many commands per entry: at 8000 leases/s on a 3-node group sharing 2 cores, ~54 instead of ~23
         * commands per entry, and the three nodes' CPU went from ~140 % to ~100 % of a core. 10 ms halves the
         * entries again; its larger batches of ACKs leave paced (DHCP's ReplyOutbox), and with that pacing the
         * three nodes used 58 % of a core at 12,500 leases/s instead of 72 % with 5 ms.
         */
        public static final Limits REPLICATED = new Limits(512, 1 << 20, 1, 100_000, Duration.ofMillis(10));
    }

    private record Pending(Command command, CompletableFuture<Result> future) {}

    private final Function<byte[], CompletableFuture<Result>> send;
    private final Supplier<Limits> limits;
    private final int maxWaiting;
    private final LinkedBlockingQueue<Pending> waiting;
    private final EntrySlots inFlight = new EntrySlots();
    private final ExecutorService completions;
    private final Thread sender;
    private final LongAdder commandsSent = new LongAdder();
    private final LongAdder entriesSent = new LongAdder();
    private volatile boolean closed;

    public BatchingCommandLog(String name, Function<byte[], CompletableFuture<Result>> send, Limits limits) {
        this(name, send, () -> limits);
    }

    /**
     * @param send   appends one encoded entry and completes with its result once committed and applied here
     * @param limits read again for every entry, so they can follow the group's shape
     */
    public BatchingCommandLog(String name, Function<byte[], CompletableFuture<Result>> send, Supplier<Limits> limits) {
        this.send = send;
        this.limits = limits;
        this.maxWaiting = limits.get().maxWaiting();
        this.waiting = new LinkedBlockingQueue<>(maxWaiting);
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
            return CompletableFuture.failedFuture(new NotCommittedException("overloaded: " + maxWaiting
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
                inFlight.take(this::maxInFlight);
                holdsPermit = true;
                batch.add(waiting.take());
                gather(batch, limits.get());
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
            if (holdsPermit) inFlight.free();
            NotCommittedException stop = shuttingDown();
            for (Pending p : batch) p.future().completeExceptionally(stop);
        }
    }

    /**
     * Adds what arrives within the linger after the first command, up to a full batch. The thread sleeps
     * through the linger instead of waiting on the queue: a waiting taker is woken by every command offered,
     * which at 15,000 leases/s is 15,000 thread wake-ups a second for nothing.
     */
    private void gather(List<Pending> batch, Limits now) throws InterruptedException {
        long deadline = System.nanoTime() + now.linger().toNanos();
        while (true) {
            waiting.drainTo(batch, now.maxBatchCommands() - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= now.maxBatchCommands() || left <= 0) return;
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
            inFlight.free();
            group.get(0).future().completeExceptionally(e);
            return;
        }
        if (entry.length > limits.get().maxEntryBytes() && group.size() > 1) {
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
            inFlight.free();
            try {
                completions.execute(() -> deliver(group, r, error));
            } catch (RejectedExecutionException closing) {
                deliver(group, r, error);
            }
        });
    }

    private int maxInFlight() {
        return limits.get().maxInFlight();
    }

    private void split(List<Pending> group) throws InterruptedException {
        int half = group.size() / 2;
        sendGroup(group.subList(0, half));
        inFlight.take(this::maxInFlight);
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
            inFlight.awaitAllFree(TimeUnit.SECONDS.toMillis(5));
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
