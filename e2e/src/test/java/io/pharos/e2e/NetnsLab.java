package io.pharos.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throw-away network made of Linux network namespaces: one namespace holds the bridges (the "switch"),
 * veth pairs run from it into the server, router and client namespaces. Nothing is ever created in, or
 * changed on, the host's own namespace: veth pairs are created inside the bridge namespace with their
 * peer placed straight into the target namespace. Addresses are 10.213.x.y only inside the lab.
 *
 * <p>Names are "pharos-e2e-PID-N-role", unique per run; close() and a JVM shutdown hook remove them, and
 * every new lab first removes leftovers of test JVMs that died (their PID is no longer running).
 */
public final class NetnsLab implements AutoCloseable {
    static final String FAMILY = "pharos-e2e-";
    private static final Pattern LEFTOVER = Pattern.compile(Pattern.quote(FAMILY) + "(\\d+)-\\d+-.*");
    private static final AtomicInteger LABS = new AtomicInteger();
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(15);

    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> started = new ArrayList<>();
    private final Path workDir;
    private final Thread shutdownHook = new Thread(this::cleanUp, "netns-lab-cleanup");
    private String bridgeNamespace;
    private int veths;
    private boolean closed;

    private NetnsLab() throws IOException {
        prefix = FAMILY + ProcessHandle.current().pid() + "-" + LABS.incrementAndGet() + "-";
        workDir = Files.createTempDirectory("pharos-e2e-");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A new, empty lab; removes what dead earlier runs left behind first. Call after Requirements.assumeRoot(). */
    public static NetnsLab create() {
        removeLeftovers();
        try {
            return new NetnsLab();
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the lab's temp directory", e);
        }
    }

    /** A directory for this lab's files (data dirs, logs, scripts), deleted by close(). */
    public Path workDir() {
        return workDir;
    }

    /** Creates namespace PREFIX+role with its loopback up; returns its full name. */
    public synchronized String namespace(String role) {
        String name = prefix + role;
        ip("netns", "add", name);
        namespaces.add(name);
        ip("-n", name, "link", "set", "lo", "up");
        return name;
    }

    /** A bridge (a switch) in the lab's bridge namespace, which is created on first use. */
    public synchronized void bridge(String bridge) {
        if (bridgeNamespace == null) bridgeNamespace = namespace("switch");
        ip("-n", bridgeNamespace, "link", "add", "name", bridge, "type", "bridge", "forward_delay", "0");
        ip("-n", bridgeNamespace, "link", "set", bridge, "up");
    }

    /** A cable from namespace ns (interface ifname, ≤ 15 chars; mac may be null) to the named bridge. */
    public synchronized void plug(String ns, String ifname, String bridge, String mac) {
        if (bridgeNamespace == null) throw new IllegalStateException("create the bridge '" + bridge + "' first");
        String switchPort = "p" + (++veths);
        ip("-n", bridgeNamespace, "link", "add", switchPort, "type", "veth", "peer", "name", ifname, "netns", ns);
        ip("-n", bridgeNamespace, "link", "set", switchPort, "master", bridge, "up");
        if (mac != null) ip("-n", ns, "link", "set", ifname, "address", mac);
        ip("-n", ns, "link", "set", ifname, "up");
    }

    public void address(String ns, String ifname, String cidr) {
        ip("-n", ns, "addr", "add", cidr, "dev", ifname);
    }

    public void route(String ns, String destination, String via) {
        ip("-n", ns, "route", "add", destination, "via", via);
    }

    public void setMac(String ns, String ifname, String mac) {
        ip("-n", ns, "link", "set", ifname, "address", mac);
    }

    /** Runs a command inside ns and waits for it (killed after timeout). */
    public ExecResult exec(String ns, Duration timeout, String... command) {
        return Exec.run(timeout, inNamespace(ns, command));
    }

    public ExecResult exec(String ns, String... command) {
        return exec(ns, Duration.ofSeconds(30), command);
    }

    /** Starts a long-running command inside ns with stdout and stderr to log; killed by close() at the latest. */
    public synchronized Process start(String ns, Path log, String... command) {
        try {
            Process process = new ProcessBuilder(inNamespace(ns, command))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + List.of(command) + " in " + ns, e);
        }
    }

    /** `ip netns exec ns ...` execs the command in place, so the process's PID is the command's own. */
    private static List<String> inNamespace(String ns, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return full;
    }

    @Override
    public void close() {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook itself is running cleanUp()
        }
    }

    private synchronized void cleanUp() {
        if (closed) return;
        closed = true;
        started.forEach(Processes::killTree);
        for (String ns : namespaces.reversed()) removeNamespace(ns);
        deleteTree(workDir);
    }

    /**
     * Kills what still runs inside a lab namespace (processes this suite started there, e.g. a daemonised
     * dhclient) by PID, then deletes the namespace, which removes its interfaces and their veth peers.
     */
    private static void removeNamespace(String ns) {
        ExecResult pids = Exec.run(IP_TIMEOUT, "ip", "netns", "pids", ns);
        for (String pid : pids.stdout().split("\\s+"))
            if (pid.matches("\\d+")) Processes.killPid(Long.parseLong(pid), Duration.ofSeconds(5));
        ExecResult deleted = Exec.run(IP_TIMEOUT, "ip", "netns", "delete", ns);
        if (!deleted.ok()) System.err.println("E2E_NETNS_LEFT: could not delete " + ns + ": " + deleted.stderr().strip()
                + "; remove it with: ip netns delete " + ns);
    }

    private static void removeLeftovers() {
        ExecResult list = Exec.run(IP_TIMEOUT, "ip", "netns", "list");
        for (String line : list.stdout().split("\n")) {
            String name = line.strip().split("\\s+")[0];
            Matcher m = LEFTOVER.matcher(name);
            if (!m.matches()) continue;
            long owner = Long.parseLong(m.group(1));
            if (owner == ProcessHandle.current().pid() || ProcessHandle.of(owner).isPresent()) continue;
            System.out.println("E2E_NETNS_LEFTOVER: removing " + name + " (its test run, PID " + owner + ", is gone)");
            removeNamespace(name);
        }
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Exec.run(IP_TIMEOUT, command).orFail();
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("E2E_TEMP_LEFT: could not delete " + root + ": " + e.getMessage());
        }
    }
}
