package io.pharos.node.ha;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs an external command (ip, arping, a hook, the fence command) with a bounded wait; kills it when late. */
final class ProcessRunner {
    private static final int MAX_OUTPUT = 2000;

    /** @param output stdout and stderr together, trimmed and cut to a couple of thousand characters */
    record Outcome(int exitCode, String output, boolean timedOut) {
        boolean ok() {
            return !timedOut && exitCode == 0;
        }

        String describe() {
            if (timedOut) return "timed out" + (output.isEmpty() ? "" : ": " + output);
            return "exit " + exitCode + (output.isEmpty() ? "" : ": " + output);
        }
    }

    private ProcessRunner() {}

    static Outcome run(List<String> command, Duration timeout) throws IOException {
        return run(command, timeout, Map.of());
    }

    static Outcome run(List<String> command, Duration timeout, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()),
                runnable -> Thread.ofVirtual().name("pharos-ha-output").start(runnable));
        try {
            boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(1, TimeUnit.SECONDS);
            }
            return new Outcome(done ? process.exitValue() : -1, outputOf(output), !done);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        }
    }

    /** A child the command left behind may hold its output open: do not wait for it. */
    private static String outputOf(CompletableFuture<String> output) throws InterruptedException {
        try {
            return output.get(1, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "(output not read: " + e.getClass().getSimpleName() + ")";
        }
    }

    private static String read(InputStream in) {
        try (in) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return text.length() > MAX_OUTPUT ? text.substring(0, MAX_OUTPUT) + "..." : text;
        } catch (IOException e) {
            return "";
        }
    }
}
