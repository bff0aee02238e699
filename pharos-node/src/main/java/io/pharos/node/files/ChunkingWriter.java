package io.pharos.node.files;

import io.pharos.core.model.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Streams content into the blob store as content-defined chunks, hashing the whole content on the way.
 * Holds at most one maximum-size chunk in memory. A failure part-way leaves only blobs that no entry
 * refers to, which garbage collection removes after its grace period.
 */
public final class ChunkingWriter {
    private final BlobStore blobs;
    private final ContentChunker chunker;

    /** What was stored: the whole content's sha256 and size, and its chunks in order. */
    public record Stored(String sha256, long size, List<FileEntry.Chunk> chunks) {
        public FileEntry entry(String path, long uploadedAt) {
            return new FileEntry(path, sha256, size, uploadedAt, chunks);
        }
    }

    public ChunkingWriter(BlobStore blobs, ContentChunker chunker) {
        this.blobs = blobs;
        this.chunker = chunker;
    }

    public Stored write(InputStream content) throws IOException {
        MessageDigest whole = sha256();
        List<FileEntry.Chunk> chunks = new ArrayList<>();
        byte[] buffer = new byte[chunker.sizes().max()];
        int start = 0;
        int filled = 0;
        boolean ended = false;
        long size = 0;
        while (true) {
            if (!ended && filled - start < buffer.length) {
                System.arraycopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
                start = 0;
                while (filled < buffer.length) {
                    int n = content.read(buffer, filled, buffer.length - filled);
                    if (n < 0) {
                        ended = true;
                        break;
                    }
                    filled += n;
                }
            }
            if (filled == start) break;
            int length = chunker.cut(buffer, start, filled - start);
            whole.update(buffer, start, length);
            BlobStore.Blob blob = blobs.put(new ByteArrayInputStream(buffer, start, length));
            chunks.add(new FileEntry.Chunk(blob.sha256(), blob.size()));
            size += length;
            start += length;
        }
        return new Stored(HexFormat.of().formatHex(whole.digest()), size, chunks);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
