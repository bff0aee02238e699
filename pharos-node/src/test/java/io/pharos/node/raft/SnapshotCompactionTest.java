package io.pharos.node.raft;

import static io.pharos.node.raft.RaftTestSupport.await;
import static io.pharos.node.raft.RaftTestSupport.lease;
import static io.pharos.node.raft.RaftTestSupport.subnet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Result;
import io.pharos.core.state.StateSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCompactionTest {
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");
    private static final Pattern SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void snapshotsBoundTheLogAndARestartRestoresFromThem() throws Exception {
        // Small segments and a low threshold, so that 1000 entries make several snapshots and purgeable segments.
        RaftSettings settings = RaftTestSupport.singleNode(dir).withCompaction(
                new RaftSettings.Compaction(100, 10, 4096, 2, 1 << 20, 2));
        Path group = settings.storageDir().resolve(settings.groupId().toString());
        StateSnapshot before;
        long applied;
        try (RaftNode node = RaftNode.start(settings)) {
            node.awaitLeader(WAIT);
            node.commandLog().submit(subnet()).get(5, TimeUnit.SECONDS);
            // One at a time: each command is its own log entry.
            for (int n = 0; n < 1000; n++)
                assertEquals(Result.OK, node.commandLog().submit(lease(n)).get(5, TimeUnit.SECONDS));

            await("an automatic snapshot near the end of the log", WAIT,
                    () -> newestSnapshotIndex(group) >= node.appliedIndex() - 100);
            List<Path> snapshots = files(group.resolve("sm"), SNAPSHOT);
            assertTrue(snapshots.size() <= 2, "at most 2 snapshots are kept: " + snapshots);
            for (Path snapshot : snapshots)
                assertTrue(Files.exists(snapshot.resolveSibling(snapshot.getFileName() + ".md5")), "MD5 of " + snapshot);
            await("old segments purged", WAIT, () -> firstSegmentStart(group) > 500);

            long explicit = node.takeSnapshot();
            assertTrue(explicit >= 1000, "snapshot on request at index " + explicit);
            assertEquals(explicit, newestSnapshotIndex(group));
            before = node.state().snapshot();
            applied = node.appliedIndex();
        }
        assertTrue(firstSegmentStart(group) > 500, "first remaining segment starts at " + firstSegmentStart(group));

        try (RaftNode again = RaftNode.start(settings)) {
            again.awaitLeader(WAIT);
            await("state restored", WAIT, () -> again.appliedIndex() >= applied);
            assertEquals(before, again.state().snapshot());
            assertEquals(1000, again.state().leases().size());
        }
    }

    private static long newestSnapshotIndex(Path group) {
        return files(group.resolve("sm"), SNAPSHOT).stream().mapToLong(p -> number(SNAPSHOT, p, 2)).max().orElse(-1);
    }

    private static long firstSegmentStart(Path group) {
        return files(group.resolve("current"), SEGMENT).stream().mapToLong(p -> number(SEGMENT, p, 1)).min().orElse(-1);
    }

    private static long number(Pattern pattern, Path file, int groupNumber) {
        Matcher m = pattern.matcher(file.getFileName().toString());
        if (!m.matches()) throw new AssertionError(file);
        return Long.parseLong(m.group(groupNumber));
    }

    private static List<Path> files(Path dir, Pattern pattern) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> pattern.matcher(p.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
