package io.pharos.node.files;

import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
import io.pharos.core.command.Result;
import io.pharos.core.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A one-node log for tests: applies each command at once, one at a time, as the real apply thread does. */
public final class DirectCommandLog implements CommandLog {
    private final State state;
    private final List<Command> submitted = new ArrayList<>();

    public DirectCommandLog(State state) {
        this.state = state;
    }

    @Override
    public synchronized CompletableFuture<Result> submit(Command command) {
        submitted.add(command);
        return CompletableFuture.completedFuture(state.apply(command));
    }

    public synchronized List<Command> submitted() {
        return List.copyOf(submitted);
    }
}
