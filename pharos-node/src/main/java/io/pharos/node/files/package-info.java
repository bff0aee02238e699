/**
 * The file store: content under its sha256 in {@link io.pharos.node.files.BlobStore}, metadata
 * ({@link io.pharos.core.model.FileEntry}) in the replicated log.
 *
 * <p>An upload is two steps: the bytes go into the local blob store (temporary file, fsync, atomic rename),
 * then a PutFile command names them; the API answers only after the command commits. A crash between the
 * steps leaves an unreferenced blob that {@link io.pharos.node.files.BlobGarbageCollector} removes after its
 * grace period. Because the name is the hash, replication to other nodes only has to copy the blobs a node
 * lacks ({@link io.pharos.node.files.BlobStore#missing}) and can check them with
 * {@link io.pharos.node.files.BlobStore#verify}.
 *
 * <p>{@link io.pharos.node.files.RangeRequest} and {@link io.pharos.node.files.RangeResponder} are the one
 * implementation of byte ranges (RFC 9110 §14) for every file answer, API and boot alike.
 */
package io.pharos.node.files;
