package io.pharos.node.ha;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The data directory takes a small write and has room for the log, snapshots and blobs to grow. */
public final class DataDirCheck implements ServiceSet.HealthCheck {
    /** Below this, Raft cannot be trusted to write its log and snapshots. */
    public static final long DEFAULT_MIN_FREE = 256L << 20;

    private final Path dir;
    private final long minFree;

    public DataDirCheck(Path dir, long minFreeBytes) {
        this.dir = dir;
        this.minFree = minFreeBytes;
    }

    @Override
    public String name() {
        return "data-dir";
    }

    @Override
    public Optional<String> problem() {
        Path probe = dir.resolve(".pharos-health-probe");
        try {
            Files.writeString(probe, "ok");
            Files.delete(probe);
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < minFree)
                return Optional.of(dir + " has " + (free >> 20) + " MiB free, below " + (minFree >> 20)
                        + " MiB: free space or move --data-dir");
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(dir + " is not writable (" + e.getMessage() + "): check the disk and permissions");
        }
    }
}
