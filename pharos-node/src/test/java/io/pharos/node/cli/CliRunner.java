package io.pharos.node.cli;

import io.pharos.cli.CliEnvironment;
import io.pharos.cli.HttpTransport;
import io.pharos.cli.PharosCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** Runs {@code pharos ...} in-process over real HTTP, with a controlled environment (no stray PHAROS_*). */
final class CliRunner {
    /** What one command line printed and returned. */
    record Outcome(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Map<String, String> variables;

    CliRunner(String endpoint, String token) {
        this.variables = token == null ? Map.of("PHAROS_ENDPOINT", endpoint)
                : Map.of("PHAROS_ENDPOINT", endpoint, "PHAROS_TOKEN", token);
    }

    Outcome run(String... args) {
        return runWithStdin("", args);
    }

    Outcome runWithStdin(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (CliEnvironment environment = new CliEnvironment(variables,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Clock.systemUTC(), new HttpTransport())) {
            int code = PharosCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), environment);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
