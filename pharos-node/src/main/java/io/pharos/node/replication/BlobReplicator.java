package io.pharos.node.replication;

import io.pharos.core.model.FileEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's blob store complete: every few hundred milliseconds it asks the {@link BlobInventory}
 * which chunks the committed state refers to that are not here, and fetches them from peers (the active
 * node first), a bounded number at a time, each verified before it is stored. A chunk no peer could
 * deliver is retried with exponential backoff. Runs on every node; on one that has everything it only looks.
 *
 * <p>Only missing chunks travel, so a new version of a large image that shares most of its content with
 * the old one costs roughly the changed part.
 */
public final class BlobReplicator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlobReplicator.class);
    private static final long WARN_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
    private static final long PROGRESS_INTERVAL_NANOS = Duration.ofSeconds(30).toNanos();

    /**
     * @param parallelism at most this many chunks are fetched at once
     * @param poll        how often the state is compared with the store
     * @param firstRetry  the wait after a chunk's first failed attempt; doubled per failure up to maxRetry
     */
    public record Settings(int parallelism, Duration poll, Duration firstRetry, Duration maxRetry) {
        public static final Settings DEFAULTS = new Settings(4, Duration.ofMillis(250), Duration.ofMillis(500),
                Duration.ofSeconds(30));

        public Settings {
            if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
    }

    private record Retry(int failures, long notBefore) {}

    private final BlobInventory inventory;
    private final BlobFetcher fetcher;
    private final Supplier<List<String>> sources;
    private final Settings settings;
    private final LongSupplier nanos;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    private final Semaphore wakeups = new Semaphore(0);
    private final LongAdder fetchedBlobs = new LongAdder();
    private final LongAdder fetchedBytes = new LongAdder();
    private final LongAdder failedAttempts = new LongAdder();
    private final ExecutorService fetches = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("pharos-replication-fetch-", 0).factory());
    private final Thread loop;
    private volatile boolean running;
    private volatile BlobReplicationPhase phase;
    private volatile BlobInventory.Summary last = new BlobInventory.Summary(0, 0);
    private volatile String lastFailure = "";
    private long lastWarning;
    private int suppressedWarnings;
    private long lastProgressLog;
    private boolean noSourceLogged;

    /**
     * @param sources peers' HTTP bases, best first, asked anew for every fetch (see {@link ReplicationSources})
     * @param nanos   a monotonic clock in nanoseconds (backoff and log spacing)
     */
    public BlobReplicator(BlobInventory inventory, BlobFetcher fetcher, Supplier<List<String>> sources,
                          Settings settings, LongSupplier nanos) {
        this.inventory = inventory;
        this.fetcher = fetcher;
        this.sources = sources;
        this.settings = settings;
        this.nanos = nanos;
        this.loop = Thread.ofPlatform().name("pharos-replication").daemon().unstarted(this::run);
    }

    public void start() {
        running = true;
        loop.start();
    }

    /** Looks again now instead of at the next poll, e.g. after a PutFile was applied. */
    public void nudge() {
        wakeups.release();
    }

    public BlobInventory inventory() {
        return inventory;
    }

    public ReplicationProgress progress() {
        BlobReplicationPhase now = phase;
        BlobInventory.Summary summary = last;
        return new ReplicationProgress(now == null ? BlobReplicationPhase.CATCHING_UP.label() : now.label(),
                summary.missingBlobs(), summary.missingBytes(), fetchedBlobs.sum(), fetchedBytes.sum(),
                failedAttempts.sum(), lastFailure);
    }

    private void run() {
        while (running) {
            try {
                pass();
            } catch (RuntimeException e) {
                LOG.warn("REPLICATION_PASS_FAILED {}; retrying at the next poll — if this repeats, check the data"
                        + " directory's permissions and free space", e.toString());
            }
            try {
                wakeups.tryAcquire(settings.poll().toNanos(), TimeUnit.NANOSECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pass() {
        List<FileEntry.Chunk> missing = inventory.missing();
        long bytes = missing.stream().mapToLong(FileEntry.Chunk::size).sum();
        last = new BlobInventory.Summary(missing.size(), bytes);
        Set<String> wanted = ConcurrentHashMap.newKeySet();
        for (FileEntry.Chunk chunk : missing) wanted.add(chunk.sha256());
        retries.keySet().retainAll(wanted);
        enter(missing.isEmpty() ? BlobReplicationPhase.IN_SYNC : BlobReplicationPhase.CATCHING_UP, missing.size(), bytes);
        if (missing.isEmpty()) return;
        long now = nanos.getAsLong();
        if (phase == BlobReplicationPhase.CATCHING_UP && now - lastProgressLog > PROGRESS_INTERVAL_NANOS) {
            lastProgressLog = now;
            LOG.info("REPLICATION_PROGRESS missing={} missingBytes={} fetchedBlobs={} fetchedBytes={}",
                    missing.size(), bytes, fetchedBlobs.sum(), fetchedBytes.sum());
        }
        List<String> peers = sources.get();
        if (peers.isEmpty()) {
            if (!noSourceLogged)
                LOG.warn("REPLICATION_NO_SOURCE missing={}: no other member is known to fetch file contents from;"
                        + " check that the cluster has a leader and its members list HTTP addresses (pharos cluster status)",
                        missing.size());
            noSourceLogged = true;
            return;
        }
        noSourceLogged = false;
        for (FileEntry.Chunk chunk : missing) {
            if (inFlight.size() >= settings.parallelism()) break;
            Retry retry = retries.get(chunk.sha256());
            if (retry != null && now - retry.notBefore() < 0) continue;
            if (!inFlight.add(chunk.sha256())) continue;
            try {
                fetches.execute(() -> fetchOne(chunk, peers));
            } catch (RejectedExecutionException e) {
                inFlight.remove(chunk.sha256());
                return;
            }
        }
    }

    private void enter(BlobReplicationPhase next, int missingBlobs, long missingBytes) {
        if (next == phase) return;
        phase = next;
        if (next == BlobReplicationPhase.IN_SYNC)
            LOG.info("REPLICATION_IN_SYNC every file's content is on this node (fetchedBlobs={} fetchedBytes={})",
                    fetchedBlobs.sum(), fetchedBytes.sum());
        else
            LOG.info("REPLICATION_CATCHING_UP missing={} missingBytes={}: fetching file contents from peers; this"
                    + " node is not failover-safe until REPLICATION_IN_SYNC", missingBlobs, missingBytes);
    }

    private void fetchOne(FileEntry.Chunk chunk, List<String> peers) {
        List<String> reasons = new ArrayList<>();
        try {
            // The look that listed it may predate a fetch of the same chunk that has just finished.
            if (inventory.has(chunk.sha256())) return;
            for (String peer : peers) {
                if (!running) return;
                FetchOutcome outcome = fetcher.fetch(peer, chunk, fetchedBytes::add);
                switch (outcome) {
                    case FetchOutcome.Fetched f -> {
                        fetchedBlobs.increment();
                        retries.remove(chunk.sha256());
                        LOG.debug("REPLICATION_FETCHED sha256={} size={} from={} octets={}", chunk.sha256(),
                                chunk.size(), peer, f.octets());
                        return;
                    }
                    case FetchOutcome.Absent a -> reasons.add(peer + ": does not hold it");
                    case FetchOutcome.Corrupt c -> {
                        reasons.add(peer + ": sent content hashing to " + c.actualSha256());
                        LOG.warn("REPLICATION_BLOB_CORRUPT sha256={} from={} actual={}: that node's copy is damaged and"
                                + " was not stored here; check its disk, then delete the blob there so it is fetched"
                                + " again, or upload the file again", chunk.sha256(), peer, c.actualSha256());
                    }
                    case FetchOutcome.Failed f -> reasons.add(peer + ": " + f.reason());
                }
            }
            if (running) failed(chunk, peers, reasons);
        } finally {
            inFlight.remove(chunk.sha256());
            wakeups.release();
        }
    }

    private void failed(FileEntry.Chunk chunk, List<String> peers, List<String> reasons) {
        failedAttempts.increment();
        Retry previous = retries.get(chunk.sha256());
        int failures = previous == null ? 1 : previous.failures() + 1;
        long delay = backoffNanos(failures);
        retries.put(chunk.sha256(), new Retry(failures, nanos.getAsLong() + delay));
        String why = String.join("; ", reasons);
        lastFailure = chunk.sha256() + ": " + why;
        synchronized (this) {
            long now = nanos.getAsLong();
            if (lastWarning != 0 && now - lastWarning < WARN_INTERVAL_NANOS) {
                suppressedWarnings++;
                return;
            }
            lastWarning = now;
            LOG.warn("REPLICATION_FETCH_FAILED sha256={} size={} attempt={} retryIn={}ms ({}){}: check that {} is"
                            + " reachable and that this node's cluster token is accepted there; fetching continues"
                            + " by itself", chunk.sha256(), chunk.size(), failures, delay / 1_000_000, why,
                    suppressedWarnings == 0 ? "" : " [" + suppressedWarnings + " similar failures not logged]",
                    peers.getFirst());
            suppressedWarnings = 0;
        }
    }

    private long backoffNanos(int failures) {
        long first = settings.firstRetry().toNanos();
        long max = settings.maxRetry().toNanos();
        long delay = first;
        for (int i = 1; i < failures && delay < max; i++) delay *= 2;
        return Math.min(delay, max);
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        fetches.shutdownNow();
        try {
            loop.join(Duration.ofSeconds(2));
            if (!fetches.awaitTermination(2, TimeUnit.SECONDS))
                LOG.warn("REPLICATION_STOP_SLOW fetches still running after 2 s; they end at their read timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
