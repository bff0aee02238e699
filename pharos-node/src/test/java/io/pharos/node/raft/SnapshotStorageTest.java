package io.pharos.node.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.ratis.server.RaftServerConfigKeys.Log.CorruptionPolicy;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.server.storage.StorageImplUtils;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.SizeInBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStorageTest {
    @TempDir
    Path dir;

    private final SnapshotStorage storage = new SnapshotStorage();
    private RaftStorage raftStorage;

    @BeforeEach
    void initOnAnEmptyDirectory() throws IOException {
        raftStorage = StorageImplUtils.newRaftStorage(dir.toFile(), SizeInBytes.ONE_MB,
                RaftStorage.StartupOption.RECOVER, CorruptionPolicy.EXCEPTION);
        raftStorage.initialize();
        storage.init(raftStorage);
    }

    @AfterEach
    void releaseTheDirectory() throws IOException {
        raftStorage.close();
    }

    @Test
    void anAbsenceIsRememberedUntilASnapshotIsLoaded() throws IOException {
        assertNull(storage.getLatestSnapshot());
        File file = storage.getSnapshotFile(2, 40);
        Files.writeString(file.toPath(), "state");

        assertNull(storage.getLatestSnapshot(), "the directory is not listed again on every ask");
        SingleFileSnapshotInfo loaded = storage.loadLatestSnapshot();
        assertEquals(40, loaded.getIndex());
        assertEquals(loaded, storage.getLatestSnapshot());
    }

    @Test
    void aSnapshotTakenHereEndsTheAbsence() {
        assertNull(storage.getLatestSnapshot());
        File file = storage.getSnapshotFile(3, 70);
        SingleFileSnapshotInfo taken = new SingleFileSnapshotInfo(new FileInfo(file.toPath(), null), 3, 70);

        storage.updateLatestSnapshot(taken);

        assertEquals(70, storage.getLatestSnapshot().getIndex());
    }
}
