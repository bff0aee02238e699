package io.pharos.node;

import io.pharos.node.config.ConfigException;
import io.pharos.node.config.NodeSettings;
import io.pharos.node.config.Setting;
import io.pharos.node.config.SettingsLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code pharos serve} and {@code pharos config show}: both read the node-local settings the same way
 * (flags, environment, config file, defaults); the options are generated from {@link Setting}.
 */
final class ServeCommand {
    private ServeCommand() {}

    static CommandSpec spec(String name, String description) {
        CommandSpec spec = CommandSpec.create().name("pharos " + name);
        spec.usageMessage().description(description);
        spec.mixinStandardHelpOptions(true);
        spec.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(Path.class)
                .description("config file of key = value lines (keys as the flag names); env PHAROS_CONFIG").build());
        for (Setting s : Setting.all()) {
            OptionSpec.Builder option = OptionSpec.builder(s.flag()).paramLabel("VALUE").type(String.class)
                    .description(s.help() + " (env " + s.envVar() + ")");
            if (s.isSwitch()) option.arity("0..1").fallbackValue("true").paramLabel("true|false");
            spec.addOption(option.build());
        }
        return spec;
    }

    /** Parses the flags and resolves every setting; prints usage or problems to err and returns null on failure. */
    static Map<Setting, SettingsLoader.Value> resolve(String name, String description, String[] args,
                                                      PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(spec(name, description));
        try {
            ParseResult parsed = line.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) return Map.of();
            Map<Setting, String> flags = new EnumMap<>(Setting.class);
            for (Setting s : Setting.all())
                if (parsed.hasMatchedOption(s.flag())) flags.put(s, parsed.matchedOptionValue(s.flag(), ""));
            Path config = parsed.matchedOptionValue("--config", null);
            boolean root = "root".equals(System.getProperty("user.name"));
            return SettingsLoader.resolve(flags, System.getenv(), config, System.getProperty("user.home"), root);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            line.usage(err);
            return null;
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("pharos: " + p));
            return null;
        }
    }

    static int serve(String[] args, PrintStream out, PrintStream err) {
        Map<Setting, SettingsLoader.Value> values = resolve("serve",
                "Run a Pharos node (a single-node cluster unless joined to others).", args, out, err);
        if (values == null) return 64;
        if (values.isEmpty()) return 0;
        try {
            NodeSettings settings = NodeSettings.from(values);
            PharosServer server = PharosServer.start(settings, out);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "pharos-shutdown"));
            server.awaitShutdown();
            return 0;
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("pharos: " + p));
            return 64;
        } catch (StartupException e) {
            err.println("pharos: cannot start: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static int configShow(String[] args, PrintStream out, PrintStream err) {
        Map<Setting, SettingsLoader.Value> values = resolve("config show",
                "Print each node-local setting's effective value and where it came from.", args, out, err);
        if (values == null) return 64;
        if (values.isEmpty()) return 0;
        int width = Setting.all().stream().mapToInt(s -> s.key().length()).max().orElse(10);
        values.forEach((s, v) -> out.printf("%-" + width + "s  %-28s  %s%n", s.key(),
                s == Setting.INITIAL_ADMIN_TOKEN && !v.value().isEmpty() ? "(set)" : v.value().isEmpty() ? "(empty)" : v.value(),
                v.source()));
        return 0;
    }
}
