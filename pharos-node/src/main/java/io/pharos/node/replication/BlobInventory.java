package io.pharos.node.replication;

import io.pharos.core.model.FileEntry;
import io.pharos.core.state.State;
import io.pharos.node.files.BlobStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which blobs the committed state refers to that this node lacks. A node with none missing is
 * failover-safe for files (ARCHITECTURE invariant 5): it can serve everything the active serves.
 *
 * <p>Blobs seen present are remembered so a check costs a set lookup per chunk instead of a file-system
 * call; the memory is dropped whenever the store deletes a blob ({@link BlobStore#deletions}), so the
 * answer never counts as present a blob that garbage collection removed.
 */
public final class BlobInventory {
    private final State state;
    private final BlobStore blobs;
    private final Set<String> present = ConcurrentHashMap.newKeySet();
    private volatile long deletionsSeen = -1;

    public BlobInventory(State state, BlobStore blobs) {
        this.state = state;
        this.blobs = blobs;
    }

    /** The chunks this node lacks, each once, in the order of the files (by path) and their content. */
    public List<FileEntry.Chunk> missing() {
        long deletions = blobs.deletions();
        if (deletions != deletionsSeen) {
            present.clear();
            deletionsSeen = deletions;
        }
        List<FileEntry.Chunk> out = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (FileEntry file : state.files())
            for (FileEntry.Chunk chunk : file.chunks()) {
                if (present.contains(chunk.sha256()) || !listed.add(chunk.sha256())) continue;
                if (blobs.has(chunk.sha256())) present.add(chunk.sha256());
                else out.add(chunk);
            }
        return Collections.unmodifiableList(out);
    }

    /** True when the blob is on this node now. */
    public boolean has(String sha256) {
        return blobs.has(sha256);
    }

    /**
     * How many distinct blobs the state refers to that this node lacks; 0 means failover-safe for files.
     * Fits {@link io.pharos.node.cluster.MissingBlobCount} as {@code inventory::missingBlobs}.
     */
    public long missingBlobs() {
        return missing().size();
    }

    /** The octets still to fetch before this node holds every blob the state refers to. */
    public long missingBytes() {
        return missing().stream().mapToLong(FileEntry.Chunk::size).sum();
    }

    /** Both numbers from one look at the state. */
    public Summary summary() {
        List<FileEntry.Chunk> missing = missing();
        return new Summary(missing.size(), missing.stream().mapToLong(FileEntry.Chunk::size).sum());
    }

    public record Summary(long missingBlobs, long missingBytes) {
        public boolean complete() {
            return missingBlobs == 0;
        }
    }
}
