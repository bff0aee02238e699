package io.pharos.node.cluster;

import io.pharos.node.raft.RaftNode;
import java.util.function.BooleanSupplier;

/** This node about itself (GET /local): what the leader needs from each member to judge failover safety. */
final class LocalReport {
    private final RaftNode raft;
    private final MissingBlobCount blobs;
    private final BooleanSupplier active;

    LocalReport(RaftNode raft, MissingBlobCount blobs, BooleanSupplier active) {
        this.raft = raft;
        this.blobs = blobs;
        this.active = active;
    }

    ClusterWire.Local now() {
        long missing;
        try {
            missing = blobs.missingBlobs();
        } catch (RuntimeException e) {
            missing = MissingBlobCount.UNKNOWN;
        }
        return new ClusterWire.Local(raft.nodeId(), raft.role().label(), raft.configuration().isListener(raft.nodeId()),
                active.getAsBoolean(), raft.appliedIndex(), raft.commitIndex(), missing, Compatibility.VERSION);
    }
}
