package io.pharos.node.files;

import io.pharos.core.model.FileEntry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes blobs that no chunk of a file entry of the committed state refers to. An upload stores its chunks before its
 * PutFile command commits, so only blobs older than the grace period are candidates: a blob written (or
 * re-uploaded, which refreshes its age) within the grace period may belong to a command still in flight.
 */
public final class BlobGarbageCollector {
    private static final Logger LOG = LoggerFactory.getLogger(BlobGarbageCollector.class);

    private final BlobStore store;
    private final Supplier<Collection<FileEntry>> files;
    private final Clock clock;
    private final Duration grace;

    /** What one pass did. */
    public record Pass(int blobsDeleted, long bytesFreed, int temporariesDeleted) {}

    /**
     * @param files the committed file entries, e.g. {@code state::files}
     * @param grace how long an unreferenced blob is kept; longer than the slowest upload-to-commit
     */
    public BlobGarbageCollector(BlobStore store, Supplier<Collection<FileEntry>> files, Clock clock, Duration grace) {
        this.store = store;
        this.files = files;
        this.clock = clock;
        this.grace = grace;
    }

    public Pass runOnce() throws IOException {
        Instant cutoff = clock.instant().minus(grace);
        Set<String> referenced = new HashSet<>();
        for (FileEntry entry : files.get())
            for (FileEntry.Chunk chunk : entry.chunks()) referenced.add(chunk.sha256());
        int deleted = 0;
        long freed = 0;
        for (String sha : store.list()) {
            if (referenced.contains(sha)) continue;
            long size = store.deleteIfOlder(sha, cutoff);
            if (size >= 0) {
                deleted++;
                freed += size;
                LOG.info("BLOB_COLLECTED sha256={} size={} (no file's chunk refers to it)", sha, size);
            }
        }
        int temporaries = store.sweepTemporaries(cutoff);
        if (temporaries > 0) LOG.info("BLOB_TEMPORARIES_SWEPT count={} (left by interrupted uploads)", temporaries);
        return new Pass(deleted, freed, temporaries);
    }
}
