package io.pharos.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One `pharos serve` inside a lab namespace, started through the repository's launcher exactly as an
 * operator would, with its output in a log file. The launcher execs the JVM, so the PID is the server's.
 */
public final class PharosProcess implements AutoCloseable {
    public static final String READY_LINE = "PHAROS_READY";
    public static final int HTTP_PORT = 8080;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final NetnsLab lab;
    private final String ns;
    private final Path dataDir;
    private final Path bootRoot;
    private final String secret;
    private final List<String> extraArgs;
    private final Path log;
    private Process process;
    private int starts;
    private String token;

    private PharosProcess(NetnsLab lab, String ns, Path dataDir, Path bootRoot, List<String> extraArgs) {
        this.lab = lab;
        this.ns = ns;
        this.dataDir = dataDir;
        this.bootRoot = bootRoot;
        this.extraArgs = List.copyOf(extraArgs);
        this.secret = "e2e" + UUID.randomUUID().toString().replace("-", "");
        this.log = lab.workDir().resolve("pharos-" + ns.substring(ns.lastIndexOf('-') + 1) + ".log");
    }

    /**
     * Starts Pharos in ns with a fresh data dir and boot root under the lab's work dir and waits for
     * PHAROS_READY. extraArgs are appended to `pharos serve` (e.g. "--advertise-address", "10.213.0.1").
     */
    public static PharosProcess start(NetnsLab lab, String ns, String... extraArgs) {
        try {
            Path data = Files.createDirectories(lab.workDir().resolve("data-" + ns.substring(ns.lastIndexOf('-') + 1)));
            Path boot = Files.createDirectories(lab.workDir().resolve("boot"));
            PharosProcess pharos = new PharosProcess(lab, ns, data, boot, List.of(extraArgs));
            pharos.restart();
            return pharos;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path root() {
        return Path.of(System.getProperty("pharos.root", System.getProperty("user.dir") + "/.."))
                .toAbsolutePath().normalize();
    }

    public static Path launcher() {
        return root().resolve("pharos");
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The --boot-root directory: files put here are served by TFTP and /boot/files/. */
    public Path bootRoot() {
        return bootRoot;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** Starts (again, on the same data dir) and waits for PHAROS_READY; fails with the log on timeout. */
    public void restart() {
        if (process != null && process.isAlive()) throw new IllegalStateException("Pharos is still running");
        List<String> command = new ArrayList<>(List.of(launcher().toString(), "serve",
                "--data-dir", dataDir.toString(),
                "--node-id", "node1",
                "--raft-address", "127.0.0.1:9870",
                "--http-address", "0.0.0.0:" + HTTP_PORT,
                "--tftp-address", "0.0.0.0:69",
                "--dhcp-address", "0.0.0.0:67",
                "--boot-root", bootRoot.toString(),
                "--initial-admin-token", secret));
        command.addAll(extraArgs);
        appendLog("==== start " + (++starts) + ": " + String.join(" ", command));
        process = lab.start(ns, log, command.toArray(String[]::new));
        awaitReady(starts);
        token = findToken();
    }

    private void awaitReady(int start) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (currentRunLog(start).lines().anyMatch(line -> line.strip().equals(READY_LINE))) return;
            if (!process.isAlive()) break;
            sleep(100);
        }
        String why = process.isAlive() ? "did not print " + READY_LINE + " within " + READY_TIMEOUT.toSeconds() + " s"
                : "exited with code " + process.exitValue() + " before " + READY_LINE;
        Processes.killTree(process);
        throw new AssertionError("pharos serve " + why + "; its log (" + log + "):\n" + readLog());
    }

    /** The admin token text "id.secret": the server prints it once at first start. */
    private String findToken() {
        if (token != null) return token;
        Matcher m = Pattern.compile("([A-Za-z0-9_-]+\\." + Pattern.quote(secret) + ")(?![A-Za-z0-9_-])").matcher(readLog());
        if (m.find()) return m.group(1);
        throw new AssertionError("pharos serve --initial-admin-token " + secret + " did not print the admin token"
                + " as '<id>." + secret + "'; its log:\n" + readLog());
    }

    public PharosApi api() {
        return new PharosApi(lab, ns, "http://127.0.0.1:" + HTTP_PORT, token);
    }

    /** SIGKILL by PID: the crash of a node, no shutdown hook runs. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) throw new AssertionError("Pharos (PID " + pid() + ") survived SIGKILL");
        appendLog("==== killed with SIGKILL");
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    public void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) Processes.killTree(process);
    }

    public String readLog() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private String currentRunLog(int start) {
        String text = readLog();
        int at = text.lastIndexOf("==== start " + start + ":");
        return at < 0 ? text : text.substring(at);
    }

    private void appendLog(String line) {
        try {
            Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            try {
                stop();
            } catch (InterruptedException e) {
                Processes.killTree(process);
                Thread.currentThread().interrupt();
            }
            List<String> lines = readLog().lines().toList();
            System.out.println("---- last lines of the Pharos log in " + ns + " ----");
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
