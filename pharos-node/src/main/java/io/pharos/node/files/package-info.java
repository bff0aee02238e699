/**
 * The file store: content in {@link io.pharos.node.files.BlobStore} as content-defined chunks, each a blob
 * named by its sha256; metadata ({@link io.pharos.core.model.FileEntry}: path, whole-content sha256, ordered
 * chunk list) in the replicated log.
 *
 * <p>An upload is two steps: {@link io.pharos.node.files.ChunkingWriter} cuts the bytes with
 * {@link io.pharos.node.files.ContentChunker} (FastCDC-style gear hash, 256 KiB / 1 MiB / 4 MiB) and stores
 * each chunk (temporary file, fsync, atomic rename), then a PutFile command names them; the API answers only
 * after the command commits. A crash between the steps leaves unreferenced blobs that
 * {@link io.pharos.node.files.BlobGarbageCollector} removes after its grace period. Content-defined cuts
 * mean a new version of an image shares most chunks with the old one, so other nodes copy only the chunks
 * they lack (see {@code io.pharos.node.replication}).
 *
 * <p>Every reader of stored content (API downloads, boot files over HTTP and TFTP) goes through
 * {@link io.pharos.node.files.StoredFile}, which reads by position across chunks.
 * {@link io.pharos.node.files.RangeRequest} and {@link io.pharos.node.files.RangeResponder} are the one
 * implementation of byte ranges (RFC 9110 §14) for every file answer, API, boot and node-to-node alike.
 */
package io.pharos.node.files;
