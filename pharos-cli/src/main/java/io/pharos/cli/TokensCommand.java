package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pharos tokens}: API credentials. The secret exists only in the answer to create. */
@Command(name = "tokens", description = "API tokens.")
final class TokensCommand extends ResourceGroup {
    TokensCommand(CliContext context) {
        super(context, c -> new Resource(c, "token", "/tokens", Views.TOKENS),
                ResourceVerbs.list("List tokens (never their secrets)."),
                ResourceVerbs.annotated(Create.class),
                ResourceVerbs.delete("ID", "Delete a token; requests with it are refused from then on."));
    }

    @Command(name = "create", description = {"Create a token and print it once: store it now, Pharos keeps only a hash.",
            "e.g. pharos tokens create ci --role reader"})
    static final class Create extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "who or what will use it")
        String name;

        @Option(names = "--role", paramLabel = "ROLE", defaultValue = "admin",
                description = "admin (may change everything) or reader (may only read); default ${DEFAULT-VALUE}")
        String role;

        Create(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            ObjectNode body = CliJson.MAPPER.createObjectNode().put("name", name).put("role", role);
            JsonNode answer = api().send("POST", "/tokens", body);
            // The API answers {id, name, role, createdAt, token: "id.secret"}.
            String text = answer.path("token").asText("");
            if (text.isEmpty())
                throw new CliException(ExitCode.UNAVAILABLE, "the server created the token but sent no \"token\" text;"
                        + " delete it (`pharos tokens list`, `pharos tokens delete ID`) and report this");
            // The token alone on stdout, so that `TOKEN=$(pharos tokens create ci)` works.
            context.err.println("created " + answer.path("role").asText(role) + " token " + answer.path("id").asText("")
                    + " (" + name + "); it is shown only now:");
            printer().text(answer, text);
        }
    }
}
