package io.pharos.node.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.model.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Positional reads across chunks give exactly the original bytes. */
class StoredFileTest {
    private static final ContentChunker SMALL = new ContentChunker(new ContentChunker.Sizes(256, 1024, 4096));

    private static Path scratch() throws IOException {
        return Files.createTempDirectory("stored-file-test");
    }

    private static FileEntry store(BlobStore blobs, byte[] content) throws IOException {
        return new ChunkingWriter(blobs, SMALL).write(new ByteArrayInputStream(content)).entry("f", 0);
    }

    @Property(tries = 40)
    void positionalReadsMatchTheOriginal(@ForAll long seed, @ForAll @IntRange(min = 0, max = 60_000) int length)
            throws IOException {
        Random random = new Random(seed);
        byte[] content = new byte[length];
        random.nextBytes(content);
        Path dir = scratch();
        try {
            BlobStore blobs = new BlobStore(dir, Clock.systemUTC());
            FileEntry entry = store(blobs, content);
            try (StoredFile file = StoredFile.open(blobs, entry)) {
                assertEquals(length, file.size());
                for (int i = 0; i < 30; i++) {
                    int position = random.nextInt(length + 10);
                    int want = random.nextInt(10_000);
                    byte[] buffer = new byte[want + 3];
                    int n = file.read(position, buffer, 3, want);
                    if (position >= length) {
                        assertEquals(-1, n);
                        continue;
                    }
                    int expected = Math.min(want, length - position);
                    assertEquals(expected, n, "read at " + position + " of " + want);
                    assertArrayEquals(Arrays.copyOfRange(content, position, position + expected),
                            Arrays.copyOfRange(buffer, 3, 3 + n));

                    int count = random.nextInt(length - position + 1);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    file.transferTo(position, count, Channels.newChannel(out));
                    assertArrayEquals(Arrays.copyOfRange(content, position, position + count), out.toByteArray());
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void aMissingChunkIsRefusedAtOpen() throws IOException {
        Path dir = scratch();
        try {
            BlobStore blobs = new BlobStore(dir, Clock.systemUTC());
            byte[] content = new byte[50_000];
            new Random(1).nextBytes(content);
            FileEntry entry = store(blobs, content);
            assertTrue(entry.chunks().size() > 3);
            blobs.delete(entry.chunks().get(2).sha256());
            NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> StoredFile.open(blobs, entry));
            assertTrue(e.getReason().contains("chunk 2 of 'f'"), e.getReason());
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void aTruncatedChunkIsReportedNotServedShort() throws IOException {
        Path dir = scratch();
        try {
            BlobStore blobs = new BlobStore(dir, Clock.systemUTC());
            byte[] content = new byte[50_000];
            new Random(2).nextBytes(content);
            FileEntry entry = store(blobs, content);
            FileEntry.Chunk second = entry.chunks().get(1);
            Files.write(blobs.path(second.sha256()), new byte[10]);
            try (StoredFile file = StoredFile.open(blobs, entry)) {
                byte[] buffer = new byte[100];
                assertEquals(100, file.read(0, buffer, 0, 100));
                IOException e = assertThrows(IOException.class,
                        () -> file.read(entry.chunks().get(0).size(), buffer, 0, 100));
                assertTrue(e.getMessage().contains("damaged"), e.getMessage());
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void aLegacyEntryIsOneBlob() throws IOException {
        Path dir = scratch();
        try {
            BlobStore blobs = new BlobStore(dir, Clock.systemUTC());
            BlobStore.Blob blob = blobs.put(new ByteArrayInputStream("whole".getBytes()));
            FileEntry legacy = new FileEntry("old", blob.sha256(), blob.size(), 0, null);
            try (StoredFile file = StoredFile.open(blobs, legacy)) {
                byte[] buffer = new byte[10];
                assertEquals(5, file.read(0, buffer, 0, 10));
                assertEquals("whole", new String(buffer, 0, 5));
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
