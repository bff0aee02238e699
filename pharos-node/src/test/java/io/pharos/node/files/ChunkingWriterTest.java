package io.pharos.node.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.model.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkingWriterTest {
    private static final ContentChunker SMALL = new ContentChunker(new ContentChunker.Sizes(1024, 4096, 16384));

    @TempDir
    Path data;

    /** Delivers at most a few hundred octets per read, as a slow network does. */
    private static InputStream trickle(byte[] content) {
        return new ByteArrayInputStream(content) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + (pos % 700)));
            }
        };
    }

    @Test
    void storesEachChunkAsABlobAndHashesTheWhole() throws Exception {
        byte[] content = new byte[300_000];
        new Random(3).nextBytes(content);
        BlobStore blobs = new BlobStore(data, Clock.systemUTC());

        ChunkingWriter.Stored stored = new ChunkingWriter(blobs, SMALL).write(trickle(content));

        assertEquals(content.length, stored.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), stored.sha256());
        assertEquals(SMALL.split(content), stored.chunks().stream().map(c -> (int) c.size()).toList(),
                "short reads must not move the cut points");
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (FileEntry.Chunk chunk : stored.chunks()) {
            byte[] blob = Files.readAllBytes(blobs.path(chunk.sha256()));
            assertEquals(chunk.size(), blob.length);
            assertTrue(blobs.verify(chunk.sha256()));
            joined.writeBytes(blob);
        }
        assertArrayEquals(content, joined.toByteArray());
        FileEntry entry = stored.entry("images/x", 5);
        assertEquals(stored.chunks(), entry.chunks());
        assertEquals(stored.sha256(), entry.sha256());
    }

    @Test
    void emptyContentHasNoChunks() throws IOException {
        ChunkingWriter.Stored stored = new ChunkingWriter(new BlobStore(data, Clock.systemUTC()), SMALL)
                .write(new ByteArrayInputStream(new byte[0]));
        assertEquals(0, stored.size());
        assertEquals(List.of(), stored.chunks());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", stored.sha256());
    }

    @Test
    void repeatedContentIsStoredOnce() throws IOException {
        byte[] block = new byte[40_000];
        new Random(5).nextBytes(block);
        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        twice.writeBytes(block);
        twice.writeBytes(block);
        BlobStore blobs = new BlobStore(data, Clock.systemUTC());
        ChunkingWriter.Stored stored = new ChunkingWriter(blobs, SMALL).write(new ByteArrayInputStream(twice.toByteArray()));
        long distinct = stored.chunks().stream().map(FileEntry.Chunk::sha256).distinct().count();
        assertEquals(distinct, blobs.list().size());
        assertTrue(distinct < stored.chunks().size(), "the second copy should reuse most chunks of the first");
    }
}
