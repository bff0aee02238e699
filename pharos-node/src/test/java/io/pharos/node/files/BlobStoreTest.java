package io.pharos.node.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
    // FIPS 180-2 test vector for "abc".
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path data;

    private BlobStore store() throws IOException {
        return new BlobStore(data, Clock.systemUTC());
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void storesUnderTheSha256OfTheContent() throws IOException {
        BlobStore store = store();
        BlobStore.Blob blob = store.put(bytes("abc"));
        assertEquals(new BlobStore.Blob(ABC, 3), blob);
        assertEquals(data.resolve("blobs/sha256/ba/" + ABC), store.path(ABC));
        assertTrue(store.has(ABC));
        try (FileChannel in = store.open(ABC)) {
            ByteBuffer buffer = ByteBuffer.allocate(10);
            in.read(buffer);
            assertEquals("abc", new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
        }
        assertTrue(store.verify(ABC));
    }

    @Test
    void largeContentRoundTripsExactly() throws IOException {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        BlobStore store = store();
        BlobStore.Blob blob = store.put(new ByteArrayInputStream(content));
        assertEquals(content.length, blob.size());
        assertArrayEquals(content, Files.readAllBytes(store.path(blob.sha256())));
    }

    @Test
    void sameContentIsStoredOnce() throws IOException {
        BlobStore store = store();
        BlobStore.Blob first = store.put(bytes("same"));
        BlobStore.Blob second = store.put(bytes("same"));
        assertEquals(first, second);
        assertEquals(List.of(first.sha256()), store.list());
        assertEquals(0, temporaries().size());
    }

    @Test
    void aFailedUploadLeavesNoBlobAndNoTemporaryFile() throws IOException {
        BlobStore store = store();
        InputStream broken = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ >= 100_000) throw new IOException("client went away");
                return 'x';
            }
        };
        IOException thrown = assertThrows(IOException.class, () -> store.put(broken));
        assertEquals("client went away", thrown.getMessage());
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), temporaries());
    }

    @Test
    void deleteMissingAndVerify() throws IOException {
        BlobStore store = store();
        String a = store.put(bytes("a")).sha256();
        String b = store.put(bytes("b")).sha256();
        String absent = "0".repeat(64);
        assertEquals(List.of(absent), store.missing(List.of(a, absent, b, absent)));
        assertTrue(store.delete(a));
        assertFalse(store.delete(a));
        assertFalse(store.has(a));
        assertThrows(NoSuchFileException.class, () -> store.open(a));
        assertFalse(store.verify(a));

        Files.writeString(store.path(b), "tampered");
        assertFalse(store.verify(b), "verify must notice content that no longer matches its name");
    }

    @Test
    void refusesNamesThatAreNotHashes() throws IOException {
        BlobStore store = store();
        assertThrows(IllegalArgumentException.class, () -> store.path("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.has(ABC.toUpperCase()));
    }

    private List<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("blobs/tmp"))) {
            return files.toList();
        }
    }
}
