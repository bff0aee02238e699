package io.pharos.node.raft;

/**
 * This node's place in the Raft group, as the role controller sees it. Services may run only in
 * {@link #LEADER_READY}: elected, and its first entry of the term committed, so its state is complete.
 */
public enum RaftRole {
    /** No leader known to this node: starting, electing, or just stepped down. */
    NO_LEADER("no-leader"),
    /** Another node leads. */
    FOLLOWER("follower"),
    /** This node won an election but has not yet committed an entry of its term; do not serve yet. */
    LEADER_ELECTED("leader-elected"),
    /** This node leads and its state includes every committed command. */
    LEADER_READY("leader-ready"),
    /** The Raft server of this node is shut down. */
    STOPPED("stopped");

    private final String label;

    RaftRole(String label) {
        this.label = label;
    }

    /** The one name used in logs, the API and config (kebab-case). */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
