package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pharos preferences}: which boot environments unknown and newly registered machines get. */
@Command(name = "preferences", description = "Cluster-wide boot choices.",
        subcommands = {PreferencesCommand.Show.class, PreferencesCommand.Set.class})
final class PreferencesCommand extends Group {
    private static final String PATH = "/preferences";

    @Command(name = "show", description = "Show the preferences.")
    static final class Show extends ApiCommand {
        Show(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            printer().detail(api().get(PATH));
        }
    }

    @Command(name = "set", description = {"Change the preferences: only the ones given change.",
            "e.g. pharos preferences set --unknown-bootenv discovery --default-bootenv local"})
    static final class Set extends ApiCommand {
        @Option(names = "--unknown-bootenv", paramLabel = "NAME",
                description = "boot environment for machines Pharos does not know (usually discovery)")
        String unknownBootEnv;

        @Option(names = "--default-bootenv", paramLabel = "NAME",
                description = "boot environment given to machines that register themselves")
        String defaultBootEnv;

        Set(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            if (unknownBootEnv == null && defaultBootEnv == null)
                throw CliException.usage("nothing to set; give --unknown-bootenv NAME and/or --default-bootenv NAME");
            JsonNode current = api().get(PATH);
            ObjectNode preferences = current instanceof ObjectNode object ? object : CliJson.MAPPER.createObjectNode();
            Edits.text(preferences, "unknownBootEnv", unknownBootEnv);
            Edits.text(preferences, "defaultBootEnv", defaultBootEnv);
            JsonNode answer = api().send("PUT", PATH, preferences);
            printer().done(answer, "updated preferences");
        }
    }
}
