package io.pharos.node.raft;

/** A membership change or leadership transfer that did not happen; the message says why and what to do. */
public final class MembershipException extends RuntimeException {
    /** Why, for mapping to an answer (e.g. an HTTP status). */
    public enum Reason {
        /** This node does not lead; changes are made by the leader. */
        NOT_LEADER,
        /** The change conflicts with the group as it is (id taken, a change under way, removing the leader). */
        CONFLICT,
        /** No such member. */
        NOT_FOUND,
        /** Tried, and Raft did not complete it in time (a peer did not catch up, no quorum). */
        FAILED
    }

    private final Reason reason;

    public MembershipException(Reason reason, String message) {
        this(reason, message, null);
    }

    public MembershipException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
