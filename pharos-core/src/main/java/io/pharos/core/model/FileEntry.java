package io.pharos.core.model;

import java.util.List;

/**
 * A file in the store: its path as served, the sha256 of its whole content (its entity tag) and the
 * ordered chunks that hold that content, each a blob named by its own sha256. Nodes copy only the chunks
 * they lack, so a new version of a large file that shares most of its content costs only the difference.
 *
 * @param chunks the content in order; their sizes add up to size. Absent in entries written before files
 *               were chunked: such a file is one blob named by its whole-content sha256.
 */
public record FileEntry(String path, String sha256, long size, long uploadedAt, List<Chunk> chunks) {

    /** A piece of a file's content, stored as the blob named sha256. */
    public record Chunk(String sha256, long size) {}

    public FileEntry {
        chunks = chunks == null ? List.of(new Chunk(sha256, size)) : List.copyOf(chunks);
    }

    /** A file stored as one blob (small files, and every file written before chunking). */
    public static FileEntry wholeBlob(String path, String sha256, long size, long uploadedAt) {
        return new FileEntry(path, sha256, size, uploadedAt, List.of(new Chunk(sha256, size)));
    }
}
