package io.pharos.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs the CLI in-process with a recording transport, fixed clock and given environment. */
record CliRun(int exitCode, String out, String err) {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    static CliRun run(RecordingTransport transport, String... args) {
        return run(transport, Map.of(), "", args);
    }

    static CliRun run(RecordingTransport transport, Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment environment = new CliEnvironment(env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Clock.fixed(NOW, ZoneOffset.UTC), transport);
        int code = PharosCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
