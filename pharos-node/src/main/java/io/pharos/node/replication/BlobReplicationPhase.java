package io.pharos.node.replication;

/**
 * Where this node's copy of the file contents stands (the log's replication is another matter, see
 * {@code io.pharos.node.cluster.ReplicationPhase}); one kebab-case name in logs, stats and the API.
 */
public enum BlobReplicationPhase {
    /** Entered when the state refers to a blob this node lacks; fetches run; left when none is missing. */
    CATCHING_UP("catching-up"),
    /** Entered when every blob the state refers to is here (the node is failover-safe for files). */
    IN_SYNC("in-sync");

    private final String label;

    BlobReplicationPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
