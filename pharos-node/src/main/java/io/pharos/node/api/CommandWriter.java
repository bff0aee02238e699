package io.pharos.node.api;

import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
import io.pharos.core.command.Result;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proposes a command and waits, bounded, until it is committed and applied: an API write answers 2xx only
 * then (ARCHITECTURE invariant 2). Refusals become 404/409/422 with the state machine's reason.
 */
final class CommandWriter {
    private static final Logger log = LoggerFactory.getLogger(CommandWriter.class);

    private final CommandLog commandLog;
    private final Duration timeout;

    CommandWriter(CommandLog commandLog, Duration timeout) {
        this.commandLog = commandLog;
        this.timeout = timeout;
    }

    /** Returns once applied; throws ApiException when refused, failed or not committed in time. */
    void write(Command command, String actor) {
        String what = command.getClass().getSimpleName();
        Result result;
        try {
            CompletableFuture<Result> future = commandLog.submit(command);
            result = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("API_WRITE_TIMEOUT {} by '{}' not committed within {} ms; check that the cluster has a leader"
                    + " and a majority (`pharos status`)", what, actor, timeout.toMillis());
            throw new ApiException(503, "the write was not committed within " + describe(timeout) + "; the cluster"
                    + " may have no leader or no majority — check `pharos status`; the write may still be applied"
                    + " later, so read before retrying");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is shutting down; retry against the active node");
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.warn("API_WRITE_FAILED {} by '{}': {}; check `pharos status` for the leader and quorum", what, actor,
                    cause.toString());
            throw new ApiException(503, "the write could not be committed (" + cause.getMessage() + "); this node may"
                    + " not be the leader or the cluster may have lost its majority — check `pharos status` and retry");
        }
        Result.Refused refused = firstRefusal(result);
        if (refused != null) {
            log.info("API_WRITE_REFUSED {} by '{}': {}", what, actor, refused.reason());
            throw new ApiException(switch (refused.kind()) {
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case INVALID -> 422;
            }, refused.reason());
        }
        log.info("API_WRITE_COMMITTED {} by '{}'", what, actor);
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static Result.Refused firstRefusal(Result result) {
        return switch (result) {
            case Result.Done done -> null;
            case Result.Refused refused -> refused;
            case Result.Batched batched -> batched.results().stream().map(CommandWriter::firstRefusal)
                    .filter(r -> r != null).findFirst().orElse(null);
        };
    }
}
