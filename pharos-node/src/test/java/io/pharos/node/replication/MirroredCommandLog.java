package io.pharos.node.replication;

import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
import io.pharos.core.command.Result;
import io.pharos.core.state.State;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Stands in for the replicated log in tests: every command is applied to every node's State, in order. */
final class MirroredCommandLog implements CommandLog {
    private final List<State> states;

    MirroredCommandLog(State... states) {
        this.states = List.of(states);
    }

    @Override
    public synchronized CompletableFuture<Result> submit(Command command) {
        Result first = null;
        for (State state : states) {
            Result result = state.apply(command);
            if (first == null) first = result;
        }
        return CompletableFuture.completedFuture(first);
    }

    Result apply(Command command) {
        return submit(command).join();
    }
}
