package io.pharos.node.raft;

/**
 * A submitted command was not acknowledged: no leader, no quorum within the commit timeout, overload, or
 * shutdown. Its outcome is unknown (it may still commit later; Ratis drops duplicate retries), so a caller
 * answers "try again": DHCP sends no ACK, the API answers 503.
 */
public final class NotCommittedException extends RuntimeException {
    public NotCommittedException(String message) {
        super(message);
    }

    public NotCommittedException(String message, Throwable cause) {
        super(message, cause);
    }
}
