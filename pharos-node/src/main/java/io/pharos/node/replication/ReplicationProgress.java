package io.pharos.node.replication;

/**
 * What the blob replicator has done and has left to do, for stats, status and logs.
 *
 * @param phase          "catching-up" or "in-sync"
 * @param missingBlobs   distinct blobs the state refers to that this node lacks, at the last look
 * @param missingBytes   their total size
 * @param fetchedBlobs   blobs fetched and verified since start
 * @param fetchedBytes   octets received since start (including attempts that failed later)
 * @param failedAttempts fetches that found no peer able to deliver the blob
 * @param lastFailure    why the latest failed attempt failed, or "" when none has
 */
public record ReplicationProgress(String phase, long missingBlobs, long missingBytes, long fetchedBlobs,
                                  long fetchedBytes, long failedAttempts, String lastFailure) {}
