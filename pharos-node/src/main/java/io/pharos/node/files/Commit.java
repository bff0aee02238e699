package io.pharos.node.files;

import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
import io.pharos.core.command.Result;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Submits a command and waits, bounded, for it to be committed and applied: an answer that depends on a
 * write is sent only after this returns (invariant 2).
 */
public final class Commit {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Commit() {}

    /** The command could not be committed; the message says why and what to do. */
    public static final class NotCommittedException extends Exception {
        public NotCommittedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Result await(CommandLog log, Command command, Duration timeout) throws NotCommittedException {
        try {
            return log.submit(command).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new NotCommittedException("the change was not committed (" + cause.getMessage()
                    + "); check that this node is the active one and the cluster has a majority, then retry", cause);
        } catch (TimeoutException e) {
            throw new NotCommittedException("the change was not confirmed within " + timeout.toSeconds()
                    + " s and may still take effect; check the cluster's health (pharos status), then retry", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotCommittedException("interrupted while waiting for the change to commit; retry", e);
        }
    }

    /** The HTTP status for a refusal (NOT_FOUND 404, CONFLICT 409, INVALID 422). */
    public static int status(Result.Refusal refusal) {
        return switch (refusal) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INVALID -> 422;
        };
    }
}
