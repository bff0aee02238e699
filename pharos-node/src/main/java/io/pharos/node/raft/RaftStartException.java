package io.pharos.node.raft;

/** The Raft node could not start; the message says what, why, and how to fix it, for the operator. */
public final class RaftStartException extends RuntimeException {
    public RaftStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
