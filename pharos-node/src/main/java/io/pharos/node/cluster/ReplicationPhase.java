package io.pharos.node.cluster;

import io.pharos.node.raft.PeerProgress;

/**
 * Where a member's replication stands, as the leader sees it: {@code streaming} (it receives entries as they
 * are committed) or {@code catching-up} (it is far behind, being sent a snapshot, or not answering). Two
 * thresholds with a band between them, so that a member hovering around one limit does not flap.
 */
public enum ReplicationPhase {
    STREAMING("streaming"),
    CATCHING_UP("catching-up");

    /** At most this many entries behind, and answering, is streaming. */
    static final long STREAMING_LAG = 100;
    /** More than this many entries behind is catching up. */
    static final long CATCHING_UP_LAG = 1_000;

    private final String label;

    ReplicationPhase(String label) {
        this.label = label;
    }

    /** The one name used in logs and the API. */
    public String label() {
        return label;
    }

    /**
     * The phase after observing progress.
     *
     * @param current      the phase so far, or null for a member not seen before
     * @param silentMillis a member that has not answered for longer is catching up, whatever its lag
     */
    static ReplicationPhase next(ReplicationPhase current, PeerProgress progress, long silentMillis) {
        if (progress.lastResponseMillis() > silentMillis || progress.lag() > CATCHING_UP_LAG) return CATCHING_UP;
        if (progress.lag() <= STREAMING_LAG) return STREAMING;
        return current == null ? CATCHING_UP : current;
    }

    @Override
    public String toString() {
        return label;
    }
}
