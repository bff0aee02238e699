package io.pharos.core.command;

import java.util.concurrent.CompletableFuture;

/**
 * Where services send changes. The future completes with the apply result only once the command is
 * committed by a majority and applied on this node (ARCHITECTURE invariant 2), or exceptionally when
 * it could not be committed (not the leader, no quorum, shutting down).
 */
public interface CommandLog {
    CompletableFuture<Result> submit(Command command);
}
