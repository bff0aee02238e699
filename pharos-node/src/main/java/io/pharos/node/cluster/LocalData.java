package io.pharos.node.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/** This node's own Raft data (DATA/raft): whether it holds anything, and moving it aside before a fresh join. */
final class LocalData {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private LocalData() {}

    static Path raftDirectory(Path dataDir) {
        return dataDir.resolve("raft");
    }

    /** True when DATA/raft holds a log segment or a snapshot: a node that ran before, alone or in a cluster. */
    static boolean hasRaftEntries(Path dataDir) {
        Path raft = raftDirectory(dataDir);
        if (!Files.isDirectory(raft)) return false;
        try (Stream<Path> files = Files.walk(raft)) {
            return files.filter(Files::isRegularFile).anyMatch(LocalData::holdsEntries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + raft + " (" + e.getMessage()
                    + "): fix its owner and permissions", e);
        }
    }

    private static boolean holdsEntries(Path file) {
        String name = file.getFileName().toString();
        try {
            return (name.startsWith("log_") && Files.size(file) > 0) || name.startsWith("snapshot.");
        } catch (IOException e) {
            return true;
        }
    }

    /** Renames DATA/raft to DATA/raft.discarded-TIME (never deletes); answers the new path. */
    static Path moveAside(Path dataDir, Clock clock) throws IOException {
        Path raft = raftDirectory(dataDir);
        String base = "raft.discarded-" + STAMP.format(clock.instant());
        Path target = dataDir.resolve(base);
        for (int n = 2; Files.exists(target); n++) target = dataDir.resolve(base + "-" + n);
        Files.move(raft, target);
        return target;
    }
}
