package io.pharos.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code pharos}: the root command. Its options are inherited by every subcommand, so they may be given
 * anywhere ("pharos -o json subnets list" and "pharos subnets list -o json" are the same).
 */
@Command(name = "pharos", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class, sortOptions = false,
        description = "Manage a Pharos provisioning server through its REST API.",
        footer = {"", "`pharos serve` runs a server; every other command talks to one.",
                "Exit codes: 0 done, 1 refused by the server (4xx), 2 server unreachable or failing (5xx), 64 usage."},
        subcommands = {SubnetsCommand.class, ReservationsCommand.class, LeasesCommand.class, MachinesCommand.class,
                BootEnvsCommand.class, TemplatesCommand.class, ParamsCommand.class, PreferencesCommand.class,
                FilesCommand.class, TokensCommand.class, StatsCommand.class, StatusCommand.class, ClusterCommand.class})
final class PharosCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    PharosCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = "--endpoint", paramLabel = "URL", scope = ScopeType.INHERIT, order = 1,
            description = "Pharos API address (env " + CliContext.ENDPOINT_VARIABLE + ", default "
                    + CliContext.DEFAULT_ENDPOINT + ")")
    void endpoint(String url) {
        context.endpointOption = url;
    }

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT, order = 2,
            description = "API token \"id.secret\" (env " + CliContext.TOKEN_VARIABLE + ")")
    void token(String token) {
        context.tokenOption = token;
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT, order = 3,
            converter = OutputFormat.Converter.class,
            description = "table (default), json (the API's JSON, for scripts) or yaml")
    void output(OutputFormat format) {
        context.output = format;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name a command, e.g. `pharos subnets list`");
    }
}
