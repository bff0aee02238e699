package io.pharos.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One `pharos serve` of a cluster, alone in its lab namespace with eth0 = 10.213.0.N/24, Raft on :9870 and
 * HTTP on :8080. Started through the lab's copy of the launcher, which execs the JVM: the PID is the server's.
 */
public final class ClusterNode implements AutoCloseable {
    public static final int RAFT_PORT = 9870;
    public static final int HTTP_PORT = 8080;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);

    private final ClusterLab cluster;
    private final String id;
    private final String ns;
    private final String ip;
    private final Path dataDir;
    private final List<String> serveArgs;
    private final Path log;
    private Process process;
    private int starts;

    ClusterNode(ClusterLab cluster, String id, String ns, String ip, List<String> serveArgs) {
        this.cluster = cluster;
        this.id = id;
        this.ns = ns;
        this.ip = ip;
        this.serveArgs = List.copyOf(serveArgs);
        try {
            this.dataDir = Files.createDirectories(cluster.lab().workDir().resolve("data-" + id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.log = cluster.lab().workDir().resolve("pharos-" + id + ".log");
    }

    public String id() {
        return id;
    }

    public String namespace() {
        return ns;
    }

    public String ip() {
        return ip;
    }

    /** The MAC of eth0: 02:13:00:00:00:NN for node nNN. */
    public String mac() {
        return "02:13:00:00:00:%02x".formatted(Integer.parseInt(id.substring(1)));
    }

    public String httpUrl() {
        return "http://" + ip + ":" + HTTP_PORT;
    }

    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts (again, on the same data dir and flags) and waits for PHAROS_READY; fails with the log on timeout. */
    public void start() {
        if (alive()) throw new IllegalStateException(id + " is still running");
        List<String> command = new ArrayList<>(List.of(cluster.launcher().toString(), "serve",
                "--data-dir", dataDir.toString(),
                "--node-id", id,
                "--raft-address", ip + ":" + RAFT_PORT,
                "--http-address", "0.0.0.0:" + HTTP_PORT,
                "--tftp-address", "0.0.0.0:69",
                "--dhcp-address", "0.0.0.0:67",
                "--dhcp-interfaces", "eth0",
                "--vip-interface", "eth0",
                "--boot-root", cluster.bootRoot().toString()));
        command.addAll(serveArgs);
        appendLog("==== start " + (++starts) + ": " + String.join(" ", command));
        process = cluster.lab().start(ns, log, command.toArray(String[]::new));
        awaitReady(starts);
    }

    private void awaitReady(int start) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (currentRunLog(start).lines().anyMatch(line -> line.strip().equals(PharosProcess.READY_LINE))) return;
            if (!process.isAlive()) break;
            ClusterLab.sleep(100);
        }
        String why = process.isAlive() ? "did not print " + PharosProcess.READY_LINE + " within "
                + READY_TIMEOUT.toSeconds() + " s" : "exited with code " + process.exitValue();
        Processes.killTree(process);
        throw new AssertionError("pharos serve of " + id + " " + why + "; its log (" + log + "):\n" + readLog());
    }

    /** SIGKILL by PID: a crash, no shutdown hook runs (the watchdog sees its pipe close). */
    public void kill9() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS))
                throw new AssertionError(id + " (PID " + pid() + ") survived SIGKILL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        appendLog("==== killed with SIGKILL");
    }

    /** Sends a signal ("STOP", "CONT", "USR1", "USR2") to this node's JVM, by PID. */
    public void signal(String name) {
        Exec.run(Duration.ofSeconds(5), "kill", "-" + name, Long.toString(pid())).orFail();
        appendLog("==== sent SIG" + name);
    }

    /**
     * Cuts this node off the switch without it noticing a link change: its switch port leaves the bridge, so
     * frames in both directions are silently lost, while its eth0 keeps carrier (a partition, not a cable pull).
     */
    public void cutOff() {
        Exec.run(Duration.ofSeconds(5), "ip", "-n", cluster.switchNamespace(), "link", "set", switchPort(), "nomaster").orFail();
        appendLog("==== cut off the switch");
    }

    /** Puts the switch port back on the bridge. */
    public void heal() {
        Exec.run(Duration.ofSeconds(5), "ip", "-n", cluster.switchNamespace(), "link", "set", switchPort(), "master",
                ClusterLab.BRIDGE).orFail();
        appendLog("==== back on the switch");
    }

    /** The switch-side end of this node's veth: eth0 shows it as "eth0@ifN", N its index in the switch namespace. */
    private String switchPort() {
        String link = Exec.run(Duration.ofSeconds(5), "ip", "-n", ns, "-o", "link", "show", "eth0").orFail().stdout();
        java.util.regex.Matcher peer = java.util.regex.Pattern.compile("eth0@if(\\d+)").matcher(link);
        if (!peer.find()) throw new AssertionError("no veth peer index in: " + link);
        for (String line : Exec.run(Duration.ofSeconds(5), "ip", "-n", cluster.switchNamespace(), "-o", "link").orFail()
                .stdout().split("\n")) {
            if (line.startsWith(peer.group(1) + ": ")) return line.split(":\\s+")[1].split("@")[0];
        }
        throw new AssertionError("switch port with index " + peer.group(1) + " not found");
    }

    /** Whether eth0 in this node's namespace carries the address right now (as ip(8) shows it). */
    public boolean holdsAddress(String address) {
        ExecResult shown = Exec.run(Duration.ofSeconds(5), "ip", "-n", ns, "-4", "-o", "addr", "show", "dev", "eth0");
        return shown.ok() && shown.stdout().contains(" " + address + "/");
    }

    /** The REST API of this node, with the cluster's admin token (replicated, valid on every node). */
    public PharosApi api() {
        return new PharosApi(cluster.lab(), ns, "http://127.0.0.1:" + HTTP_PORT, cluster.adminToken());
    }

    /** `pharos --endpoint (this node) --token ADMIN args...`, from the lab's copy of the launcher. */
    public ExecResult cli(String... args) {
        List<String> command = new ArrayList<>(List.of(cluster.launcher().toString(),
                "--endpoint", "http://127.0.0.1:" + HTTP_PORT, "--token", cluster.adminToken()));
        command.addAll(List.of(args));
        return cluster.lab().exec(ns, CLI_TIMEOUT, command.toArray(String[]::new));
    }

    public JsonNode cliJson(String... args) {
        ExecResult result = cli(args).orFail();
        try {
            return HttpReply.JSON.readTree(result.stdout());
        } catch (JsonProcessingException e) {
            throw new AssertionError("pharos " + String.join(" ", args) + " did not print JSON: " + result.describe(), e);
        }
    }

    /** `pharos leases list -o json` asked of this node. */
    public List<JsonNode> leases() {
        JsonNode array = cliJson("leases", "list", "-o", "json");
        if (!array.isArray()) throw new AssertionError("leases list did not print an array: " + array);
        List<JsonNode> leases = new ArrayList<>();
        array.forEach(leases::add);
        return leases;
    }

    public String readLog() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** The log lines of the current run that contain the text (e.g. an event ID). */
    public List<String> logLines(String text) {
        return currentRunLog(starts).lines().filter(line -> line.contains(text)).toList();
    }

    private String currentRunLog(int start) {
        String text = readLog();
        int at = text.lastIndexOf("==== start " + start + ":");
        return at < 0 ? text : text.substring(at);
    }

    void appendLog(String line) {
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the process (SIGCONT first, in case a test left it stopped; SIGTERM; SIGKILL after 20 s). */
    @Override
    public void close() {
        if (process == null) return;
        if (process.isAlive()) {
            Exec.run(Duration.ofSeconds(5), "kill", "-CONT", Long.toString(pid()));
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) Processes.killTree(process);
            } catch (InterruptedException e) {
                Processes.killTree(process);
                Thread.currentThread().interrupt();
            }
        }
        List<String> lines = readLog().lines().filter(l -> l.contains(" HA_") || l.contains("RAFT_ROLE") || l.contains("ERROR")
                || l.startsWith("====")).toList();
        System.out.println("---- HA events of " + id + " (full log " + log + ") ----");
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
    }
}
