package io.pharos.node.api;

import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
import io.pharos.core.command.Result;
import io.pharos.core.state.State;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A one-node log for API tests: applies each command to the State at once (as a committed Ratis entry
 * would be), or, when stalled, never completes — like a cluster without a leader.
 */
final class SynchronousCommandLog implements CommandLog {
    private final State state;
    private final List<Command> submitted = new CopyOnWriteArrayList<>();
    private volatile boolean stalled;

    SynchronousCommandLog(State state) {
        this.state = state;
    }

    @Override
    public synchronized CompletableFuture<Result> submit(Command command) {
        submitted.add(command);
        if (stalled) return new CompletableFuture<>();
        return CompletableFuture.completedFuture(state.apply(command));
    }

    void stall() {
        stalled = true;
    }

    List<Command> submitted() {
        return List.copyOf(submitted);
    }
}
