package io.pharos.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.core.command.Command;
import io.pharos.core.model.Template;
import io.pharos.core.state.State;
import io.pharos.node.boot.TemplateRenderer;
import java.io.IOException;
import java.util.Map;

/** /templates: Pebble templates rendered per machine; a body that does not compile is refused (422). */
final class TemplatesApi {
    private final State state;
    private final CommandWriter writer;

    TemplatesApi(State state, CommandWriter writer) {
        this.state = state;
        this.writer = writer;
    }

    void register(Router router) {
        router.add("GET", "/templates", r -> Reply.ok(state.templates()));
        router.add("POST", "/templates", this::create);
        router.add("GET", "/templates/{name}", r -> Reply.ok(state.template(r.path("name")).orElseThrow(() ->
                ApiException.notFound("template '" + r.path("name") + "' does not exist; list them with GET /api/v1/templates"))));
        router.add("PUT", "/templates/{name}", this::replace);
        router.add("DELETE", "/templates/{name}", r -> {
            writer.write(new Command.DeleteTemplate(r.path("name")), r.actor());
            return Reply.noContent();
        });
    }

    private Reply create(ApiRequest request) throws IOException {
        Template template = RecordReader.read(request.bodyObject(), Template.class, Map.of());
        if (template.name() != null && state.template(template.name()).isPresent())
            throw ApiException.conflict("template '" + template.name() + "' already exists; change it with PUT"
                    + " /api/v1/templates/" + template.name() + " or choose another name");
        put(template, request);
        return Reply.created(template, "/api/v1/templates/" + template.name());
    }

    private Reply replace(ApiRequest request) throws IOException {
        ObjectNode body = request.bodyObject();
        Names.matchPath(body, "name", request.path("name"));
        Template template = RecordReader.read(body, Template.class, Map.of());
        put(template, request);
        return Reply.ok(template);
    }

    private void put(Template template, ApiRequest request) {
        Problems problems = new Problems();
        Names.check(problems, "name", template.name());
        if (template.body() == null) problems.add("body", "is required: the Pebble template text (may be \"\")");
        else TemplateRenderer.check(template.body()).ifPresent(error -> problems.add("body", error
                + "; fix the Pebble syntax (https://pebbletemplates.io/wiki/guide/basic-usage/)"));
        problems.throwIfAny(422);
        writer.write(new Command.PutTemplate(template), request.actor());
    }
}
