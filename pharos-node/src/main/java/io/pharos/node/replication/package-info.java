/**
 * Copying file contents between nodes. File metadata ({@link io.pharos.core.model.FileEntry}, with its
 * ordered chunk list) arrives with the replicated log; the bytes do not. Each node runs a
 * {@link io.pharos.node.replication.BlobReplicator} that compares the committed state with its blob store
 * ({@link io.pharos.node.replication.BlobInventory}) and fetches what it lacks from its peers'
 * {@link io.pharos.node.replication.BlobEndpoint}, the active node first.
 *
 * <p>Why this shape: blobs are named by their sha256, so a fetched blob is checked against its own name
 * before it is stored and any peer is as good a source as the active one; chunks are content-defined
 * ({@link io.pharos.node.files.ContentChunker}), so a new version of a large image costs only the chunks
 * that changed; a fetch keeps what it received in a partial file and continues with an HTTP Range request
 * after an interruption. A node is failover-safe for files (ARCHITECTURE invariant 5) when
 * {@link io.pharos.node.replication.BlobInventory#missingBlobs()} is 0.
 *
 * <p>Ratis's DataStream was the alternative (RATIS-NOTES pitfall 9): more moving parts, and it would put
 * multi-gigabyte images through the consensus path that DHCP acknowledgements wait on.
 */
package io.pharos.node.replication;
