package io.pharos.protocols.dhcp.policy;

import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
import io.pharos.core.command.Result;
import io.pharos.core.state.State;
import java.util.concurrent.CompletableFuture;

/** A one-node log that commits by applying at once: what a committed command does, without Raft. */
final class SynchronousLog implements CommandLog {
    private final State state;

    SynchronousLog(State state) {
        this.state = state;
    }

    @Override
    public synchronized CompletableFuture<Result> submit(Command command) {
        return CompletableFuture.completedFuture(state.apply(command));
    }
}
