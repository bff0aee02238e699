package io.pharos.node.api;

import io.pharos.core.command.Command;
import io.pharos.core.state.State;
import java.io.IOException;
import java.util.Map;

/** /params: global named values that templates read (a machine's own params override them). */
final class ParamsApi {
    /** One param as the API shows it. */
    record Param(String name, String value) {}

    /** The body of PUT /params/{name}. */
    record ParamValue(String value) {}

    private final State state;
    private final CommandWriter writer;

    ParamsApi(State state, CommandWriter writer) {
        this.state = state;
        this.writer = writer;
    }

    void register(Router router) {
        router.add("GET", "/params", r -> Reply.ok(state.params()));
        router.add("GET", "/params/{name}", r -> {
            String name = r.path("name");
            String value = state.params().get(name);
            if (value == null) throw ApiException.notFound("param '" + name + "' does not exist; list params with GET /api/v1/params");
            return Reply.ok(new Param(name, value));
        });
        router.add("PUT", "/params/{name}", this::put);
        router.add("DELETE", "/params/{name}", r -> {
            writer.write(new Command.DeleteParam(r.path("name")), r.actor());
            return Reply.noContent();
        });
    }

    private Reply put(ApiRequest request) throws IOException {
        String name = request.path("name");
        ParamValue body = RecordReader.read(request.bodyObject(), ParamValue.class, Map.of());
        Problems problems = new Problems();
        Names.check(problems, "name", name);
        if (body.value() == null) problems.add("value", "is required: send {\"value\": \"...\"} (text; may be \"\")");
        problems.throwIfAny(422);
        writer.write(new Command.PutParam(name, body.value()), request.actor());
        return Reply.ok(new Param(name, body.value()));
    }
}
