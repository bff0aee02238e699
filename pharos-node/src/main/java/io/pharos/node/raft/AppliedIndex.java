package io.pharos.node.raft;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The index of the last log entry applied to this node's state, and futures waiting for it to pass a given
 * index. A write submitted through a follower is answered by the leader, possibly before this node has
 * applied it; waiting here keeps the CommandLog promise "applied on this node" (read your writes).
 */
final class AppliedIndex {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private volatile long index = -1;
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> waiters = new ConcurrentSkipListMap<>();

    long get() {
        return index;
    }

    /** Called by the one apply thread, or when a snapshot is loaded. */
    void set(long applied) {
        index = applied;
        for (Map.Entry<Long, CompletableFuture<Void>> e; (e = waiters.firstEntry()) != null && e.getKey() <= applied; ) {
            waiters.remove(e.getKey(), e.getValue());
            e.getValue().complete(null);
        }
    }

    CompletableFuture<Void> reached(long wanted) {
        if (index >= wanted) return DONE;
        CompletableFuture<Void> f = waiters.computeIfAbsent(wanted, i -> new CompletableFuture<>());
        // The apply thread may have passed wanted between the check and the insertion above.
        if (index >= wanted) {
            waiters.remove(wanted, f);
            f.complete(null);
        }
        return f;
    }

    void failAll(Throwable cause) {
        for (Map.Entry<Long, CompletableFuture<Void>> e; (e = waiters.pollFirstEntry()) != null; )
            e.getValue().completeExceptionally(cause);
    }
}
