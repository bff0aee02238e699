package io.pharos.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * The {@code pharos} command-line client: every command except {@code serve} talks to a Pharos server's
 * REST API. Exit codes are in {@link ExitCode}.
 */
public final class PharosCli {
    private PharosCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line against the process's environment; answers the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try (CliEnvironment environment = CliEnvironment.system()) {
            return run(args, out, err, environment);
        }
    }

    /** Runs one command line with the given environment (variables, stdin, clock, transport). */
    public static int run(String[] args, PrintStream out, PrintStream err, CliEnvironment environment) {
        CliContext context = new CliContext(out, err, environment);
        CommandLine line = commandLine(context);
        try {
            return line.execute(args);
        } finally {
            line.getOut().flush();
            line.getErr().flush();
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine(CliContext context) {
        ContextFactory factory = new ContextFactory(context);
        CommandLine line = new CommandLine(new PharosCommand(context), factory);
        // Before the settings below: CommandLine hands them down only to the subcommands it has.
        for (CommandLine group : line.getSubcommands().values())
            if (group.getCommand() instanceof ResourceGroup resources) resources.addVerbs(group, factory);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setOut(writer(context.out));
        line.setErr(writer(context.err));
        line.setParameterExceptionHandler(PharosCli::usageError);
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            if (!(e instanceof CliException failure)) throw e;
            command.getErr().println("pharos: " + failure.getMessage());
            return failure.exitCode();
        });
        return line;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("pharos: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err))
            err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
        return ExitCode.USAGE;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(stream, true, stream.charset());
    }

    /** Gives each command that wants it the run's {@link CliContext} through its constructor. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 1 && parameters[0] == CliContext.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(context));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
