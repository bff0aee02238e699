package io.pharos.node.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.model.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobGarbageCollectorTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final Duration GRACE = Duration.ofHours(1);

    @TempDir
    Path data;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<FileEntry> files = new ArrayList<>();

    private String put(BlobStore store, String text, Instant writtenAt) throws IOException {
        String sha = store.put(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).sha256();
        Files.setLastModifiedTime(store.path(sha), FileTime.from(writtenAt));
        return sha;
    }

    @Test
    void deletesOnlyOldBlobsThatNoFileRefersTo() throws IOException {
        BlobStore store = new BlobStore(data, clock);
        Instant old = NOW.minus(Duration.ofDays(1));
        String referenced = put(store, "kernel", old);
        String orphan = put(store, "deleted file", old);
        String young = put(store, "upload in flight", NOW.minusSeconds(60));
        files.add(FileEntry.wholeBlob("vmlinuz", referenced, 6, 0));

        BlobGarbageCollector.Pass pass = new BlobGarbageCollector(store, () -> files, clock, GRACE).runOnce();

        assertEquals(1, pass.blobsDeleted());
        assertEquals("deleted file".length(), pass.bytesFreed());
        assertTrue(store.has(referenced));
        assertFalse(store.has(orphan));
        assertTrue(store.has(young), "a blob younger than the grace period may belong to an uncommitted upload");
    }

    @Test
    void everyChunkOfAFileIsKeptAndOnlyUnsharedChunksOfADeletedOneGo() throws IOException {
        BlobStore store = new BlobStore(data, clock);
        Instant old = NOW.minus(Duration.ofDays(1));
        String shared = put(store, "boot loader", old);
        String kernel = put(store, "kernel v2", old);
        String gone = put(store, "kernel v1", old);
        files.add(new FileEntry("image-v2", "11".repeat(32), 20, 0,
                List.of(new FileEntry.Chunk(shared, 11), new FileEntry.Chunk(kernel, 9))));

        BlobGarbageCollector.Pass pass = new BlobGarbageCollector(store, () -> files, clock, GRACE).runOnce();

        assertEquals(1, pass.blobsDeleted());
        assertTrue(store.has(shared));
        assertTrue(store.has(kernel));
        assertFalse(store.has(gone));
    }

    @Test
    void reUploadingOldContentProtectsItFromCollection() throws IOException {
        BlobStore store = new BlobStore(data, clock);
        String sha = put(store, "image", NOW.minus(Duration.ofDays(2)));
        // The same content arrives again; its PutFile has not committed yet.
        store.put(new ByteArrayInputStream("image".getBytes(StandardCharsets.UTF_8)));

        new BlobGarbageCollector(store, () -> files, clock, GRACE).runOnce();

        assertTrue(store.has(sha));
    }

    @Test
    void sweepsTemporariesLeftByACrash() throws IOException {
        BlobStore store = new BlobStore(data, clock);
        Path stale = Files.writeString(data.resolve("blobs/tmp/upload-1.part"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(NOW.minus(Duration.ofDays(1))));
        Path fresh = Files.writeString(data.resolve("blobs/tmp/upload-2.part"), "in progress");
        Files.setLastModifiedTime(fresh, FileTime.from(NOW));

        BlobGarbageCollector.Pass pass = new BlobGarbageCollector(store, () -> files, clock, GRACE).runOnce();

        assertEquals(1, pass.temporariesDeleted());
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
    }
}
