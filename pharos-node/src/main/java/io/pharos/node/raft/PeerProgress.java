package io.pharos.node.raft;

/**
 * How far the leader has replicated its log to one other member, as the leader sees it.
 *
 * @param matchIndex           the highest log index the peer is known to hold
 * @param nextIndex            the next index the leader will send it
 * @param lastResponseMillis   milliseconds since the peer last answered the leader
 * @param commitIndex          the leader's commit index when this was read
 */
public record PeerProgress(String id, String address, boolean listener, long matchIndex, long nextIndex,
                           long lastResponseMillis, long commitIndex) {
    /** Committed entries the peer does not hold yet. */
    public long lag() {
        return Math.max(0, commitIndex - matchIndex);
    }
}
