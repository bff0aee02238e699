package io.pharos.node.api;

import io.pharos.core.command.Command;
import io.pharos.core.model.Preferences;
import io.pharos.core.state.State;
import java.io.IOException;
import java.util.Map;

/** /preferences: cluster-wide boot choices. A field left out of PUT keeps its current value. */
final class PreferencesApi {
    private final State state;
    private final CommandWriter writer;

    PreferencesApi(State state, CommandWriter writer) {
        this.state = state;
        this.writer = writer;
    }

    void register(Router router) {
        router.add("GET", "/preferences", r -> Reply.ok(state.preferences()));
        router.add("PUT", "/preferences", this::put);
    }

    private Reply put(ApiRequest request) throws IOException {
        Preferences current = state.preferences();
        Preferences next = RecordReader.read(request.bodyObject(), Preferences.class, Map.of(
                "unknownBootEnv", current.unknownBootEnv(), "defaultBootEnv", current.defaultBootEnv()));
        Problems problems = new Problems();
        checkBootEnv(problems, "unknownBootEnv", next.unknownBootEnv());
        checkBootEnv(problems, "defaultBootEnv", next.defaultBootEnv());
        problems.throwIfAny(422);
        writer.write(new Command.PutPreferences(next), request.actor());
        return Reply.ok(next);
    }

    private void checkBootEnv(Problems problems, String field, String name) {
        if (state.bootEnv(name).isEmpty())
            problems.add(field, "boot environment '" + name + "' does not exist; choose one of "
                    + state.bootEnvs().stream().map(b -> b.name()).toList() + " or create it first");
    }
}
