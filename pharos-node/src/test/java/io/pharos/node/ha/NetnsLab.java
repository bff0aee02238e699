package io.pharos.node.ha;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Network namespaces this test creates and removes: a "client" namespace with a bridge, and node namespaces
 * each joined to it by a veth pair (eth0 inside the node). Names carry this JVM's pid; nothing outside them is
 * touched. Tests skip, saying why, when not root or without ip(8) and arping.
 */
final class NetnsLab implements AutoCloseable {
    static final String CLIENT_ADDRESS = "10.88.0.1";
    private static final Pattern MAC = Pattern.compile("link/ether ([0-9a-f:]{17})");
    private static final Pattern REPLY = Pattern.compile("reply from [0-9.]+ \\[([0-9A-Fa-f:]{17})\\]");
    private static int labs;

    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();

    private NetnsLab(String prefix) {
        this.prefix = prefix;
    }

    /** Skips the calling test unless this runs as root with ip and arping. */
    static NetnsLab create() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "network namespace tests need root; skipped");
        assumeTrue(works("ip", "netns", "list") && works("arping", "-V"), "ip (iproute2) and arping (iputils) "
                + "are needed; skipped");
        NetnsLab lab;
        synchronized (NetnsLab.class) {
            lab = new NetnsLab("pharos-ha-" + ProcessHandle.current().pid() + "-" + (++labs));
        }
        try {
            lab.namespace("client");
            lab.sh("ip -n %s link add br0 type bridge", lab.name("client"));
            lab.sh("ip -n %s addr add %s/24 dev br0", lab.name("client"), CLIENT_ADDRESS);
            lab.sh("ip -n %s link set br0 up", lab.name("client"));
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /** A node namespace with eth0 at {@code address}/24 on the client's bridge; returns its name. */
    String node(String label, String address) throws IOException {
        String ns = namespace(label);
        String port = "p-" + label;
        sh("ip -n %s link add %s type veth peer name eth0 netns %s", name("client"), port, ns);
        sh("ip -n %s link set %s master br0 up", name("client"), port);
        sh("ip -n %s link set eth0 up", ns);
        sh("ip -n %s link set lo up", ns);
        sh("ip -n %s addr add %s/24 dev eth0", ns, address);
        return ns;
    }

    String name(String label) {
        return prefix + "-" + label;
    }

    /** The command prefix that runs a command inside the node namespace. */
    List<String> in(String label) {
        return List.of("ip", "netns", "exec", name(label));
    }

    /** The IPv4 addresses with their prefixes on eth0 of a node, e.g. "10.88.0.100/24". */
    List<String> addresses(String label) throws IOException {
        String out = sh("ip -n %s -o -4 addr show dev eth0", name(label));
        List<String> addresses = new ArrayList<>();
        Matcher m = Pattern.compile("inet ([0-9./]+)").matcher(out);
        while (m.find()) addresses.add(m.group(1));
        return addresses;
    }

    String addressLine(String label, String address) throws IOException {
        String out = sh("ip -n %s -o -4 addr show dev eth0", name(label));
        return out.lines().filter(l -> l.contains(" " + address + "/")).findFirst().orElse("");
    }

    String mac(String label) throws IOException {
        Matcher m = MAC.matcher(sh("ip -n %s link show dev eth0", name(label)));
        if (!m.find()) throw new IOException("no MAC on eth0 of " + label);
        return m.group(1).toLowerCase();
    }

    /** Asks from the client who has {@code address}: the MACs that answered within a second (lower case). */
    java.util.Set<String> whoHas(String address) throws IOException {
        ProcessRunner.Outcome out = ProcessRunner.run(List.of("ip", "netns", "exec", name("client"), "arping", "-c",
                "2", "-w", "1", "-I", "br0", address), Duration.ofSeconds(3));
        java.util.Set<String> macs = new java.util.TreeSet<>();
        Matcher m = REPLY.matcher(out.output());
        while (m.find()) macs.add(m.group(1).toLowerCase());
        return macs;
    }

    /** The MAC the client's kernel has in its neighbour table for {@code address}, or empty. */
    String clientNeighbour(String address) throws IOException {
        Matcher m = Pattern.compile("lladdr ([0-9a-f:]{17})").matcher(sh("ip -n %s neigh show %s", name("client"), address));
        return m.find() ? m.group(1) : "";
    }

    String sh(String format, Object... args) throws IOException {
        String command = String.format(format, args);
        ProcessRunner.Outcome out = ProcessRunner.run(List.of("/bin/sh", "-c", command), Duration.ofSeconds(10));
        if (!out.ok()) throw new IOException("'" + command + "' failed: " + out.describe());
        return out.output();
    }

    private String namespace(String label) throws IOException {
        String ns = name(label);
        sh("ip netns add %s", ns);
        namespaces.add(ns);
        return ns;
    }

    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) return true;
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return condition.getAsBoolean();
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Deleting a namespace deletes its veth ends and bridge with it. */
    @Override
    public void close() {
        for (String ns : namespaces.reversed()) {
            try {
                ProcessRunner.run(List.of("ip", "netns", "del", ns), Duration.ofSeconds(10));
            } catch (IOException e) {
                System.err.println("could not delete network namespace " + ns + ": " + e.getMessage());
            }
        }
    }
}
