package io.pharos.node.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pharos.core.command.Command;
import io.pharos.core.model.FileEntry;
import io.pharos.core.state.State;
import io.pharos.node.files.BlobStore;
import io.pharos.node.files.ChunkingWriter;
import io.pharos.node.files.ContentChunker;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobInventoryTest {
    @TempDir
    Path dir;

    @Test
    void countsDistinctMissingChunksAndNoticesADeletion() throws Exception {
        State state = new State();
        BlobStore blobs = new BlobStore(dir, Clock.systemUTC());
        byte[] content = new byte[100_000];
        new Random(1).nextBytes(content);
        FileEntry entry = new ChunkingWriter(blobs, new ContentChunker(new ContentChunker.Sizes(1024, 4096, 16384)))
                .write(new ByteArrayInputStream(content)).entry("a", 0);
        state.apply(new Command.PutFile(entry));
        state.apply(new Command.PutFile(new FileEntry("b", entry.sha256(), entry.size(), 0, entry.chunks())));
        BlobInventory inventory = new BlobInventory(state, blobs);
        assertEquals(0, inventory.missingBlobs());

        FileEntry.Chunk gone = entry.chunks().get(3);
        blobs.delete(gone.sha256());
        assertEquals(List.of(gone), inventory.missing(), "a deleted blob is missing at once, and counted once");
        assertEquals(gone.size(), inventory.missingBytes());

        String absent = "0".repeat(64);
        state.apply(new Command.PutFile(new FileEntry("c", absent, 7, 0, List.of(new FileEntry.Chunk(absent, 7)))));
        assertEquals(new BlobInventory.Summary(2, gone.size() + 7), inventory.summary());
    }
}
