package io.pharos.node.cluster;

/**
 * How many blobs the committed state refers to that this node does not hold yet (ARCHITECTURE invariant 5:
 * a node is failover-safe only when it holds every one). The file replication side implements it; each node
 * reports its own count in GET /api/v1/cluster/local and the leader aggregates them.
 */
@FunctionalInterface
public interface MissingBlobCount {
    /** A count that is not known: the node is then not counted as failover-safe. */
    long UNKNOWN = -1;

    /** For nodes that cannot tell; never failover-safe. */
    MissingBlobCount NOT_REPORTED = () -> UNKNOWN;

    /** Blobs referred to by committed file entries and missing (or not yet verified) here; {@link #UNKNOWN} if unknown. */
    long missingBlobs();
}
