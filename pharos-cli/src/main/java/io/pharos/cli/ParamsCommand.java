package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pharos params}: global values for templates; a machine's own params override them. */
@Command(name = "params", description = "Global template values (a machine's params override them).")
final class ParamsCommand extends ResourceGroup {
    ParamsCommand(CliContext context) {
        super(context, ParamsCommand::resource,
                ResourceVerbs.annotated(ListAll.class),
                ResourceVerbs.annotated(Get.class),
                ResourceVerbs.annotated(Set.class),
                ResourceVerbs.delete("NAME", "Delete a param."));
    }

    static Resource resource(CliContext context) {
        return new Resource(context, "param", "/params", Views.PARAMS);
    }

    /** Rows of {name, value} whether the server answers a list of them or one {name: value} object. */
    static JsonNode rows(JsonNode params) {
        if (!params.isObject()) return params;
        ArrayNode rows = CliJson.MAPPER.createArrayNode();
        for (Map.Entry<String, JsonNode> e : params.properties())
            rows.addObject().put("name", e.getKey()).set("value", e.getValue());
        return rows;
    }

    /** The value in an answer that is either the bare value or {"value": ...}. */
    static String value(JsonNode answer) {
        return answer.isValueNode() ? answer.asText() : answer.path("value").asText("");
    }

    @Command(name = "list", description = "List params.")
    static final class ListAll extends ApiCommand {
        ListAll(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            JsonNode params = api().get("/params");
            if (context.output == OutputFormat.TABLE) printer().table(rows(params), Views.PARAMS);
            else printer().table(params, Views.PARAMS);
        }
    }

    @Command(name = "get", description = "Print one param's value.")
    static final class Get extends ApiCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        Get(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            JsonNode answer = resource(context).get(name);
            printer().text(answer, value(answer));
        }
    }

    @Command(name = "set", description = {"Set a param.", "e.g. pharos params set ntp-server 10.0.0.1"})
    static final class Set extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "VALUE")
        String value;

        Set(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            ObjectNode body = CliJson.MAPPER.createObjectNode().put("value", value);
            JsonNode answer = api().send("PUT", ApiPaths.item("/params", name), body);
            printer().done(answer, "set param " + name);
        }
    }
}
