package io.pharos.node.dhcp;

import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
import io.pharos.core.command.Result;
import io.pharos.core.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A one-node log for tests: commits by applying at once, or fails every submission (no quorum), or holds
 * submissions until released, to show that nothing is answered before its commit.
 */
final class TestCommandLog implements CommandLog {
    enum Mode { APPLY, FAIL, HOLD }

    private record Held(Command command, CompletableFuture<Result> future) {}

    private final State state;
    private final List<Held> held = new ArrayList<>();
    private final List<Command> submitted = new ArrayList<>();
    private Mode mode = Mode.APPLY;

    TestCommandLog(State state) {
        this.state = state;
    }

    synchronized void mode(Mode value) {
        mode = value;
    }

    @Override
    public synchronized CompletableFuture<Result> submit(Command command) {
        submitted.add(command);
        return switch (mode) {
            case APPLY -> CompletableFuture.completedFuture(state.apply(command));
            case FAIL -> CompletableFuture.failedFuture(new IllegalStateException("not the leader"));
            case HOLD -> {
                CompletableFuture<Result> future = new CompletableFuture<>();
                held.add(new Held(command, future));
                yield future;
            }
        };
    }

    /** Commits everything held, in order. */
    synchronized int release() {
        int count = held.size();
        for (Held each : held) each.future().complete(state.apply(each.command()));
        held.clear();
        return count;
    }

    synchronized int heldCount() {
        return held.size();
    }

    synchronized List<Command> submitted() {
        return List.copyOf(submitted);
    }
}
