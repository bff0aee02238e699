package io.pharos.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Pharos cluster in a {@link NetnsLab}: one switch "lan0"; node N runs alone in namespace "nN" with
 * eth0 = 10.213.0.N/24; the VIP is {@value #VIP}/24; client namespaces plug into the same switch.
 * The first node bootstraps and runs `pharos cluster init`; the others start with --join and the token.
 *
 * <p>The nodes run from a copy of the launcher and the built classes taken when the lab is made, so that a
 * rebuild of the checkout during a long run cannot pull classes from under a running JVM.
 */
public final class ClusterLab implements AutoCloseable {
    public static final String BRIDGE = "lan0";
    public static final String VIP = "10.213.0.100";
    public static final String SUBNET = "10.213.0.0/24";
    private static final Pattern TOKEN_LINE = Pattern.compile("(?m)^\\s+([A-Za-z0-9_-]{20,})\\s*$");

    private final NetnsLab lab;
    private final Path root;
    private final Path bootRoot;
    private final String adminSecret = "e2eha" + UUID.randomUUID().toString().replace("-", "");
    private final List<ClusterNode> nodes = new ArrayList<>();
    private String clusterToken;

    private ClusterLab(NetnsLab lab) throws IOException {
        this.lab = lab;
        lab.bridge(BRIDGE);
        this.root = copyOfBuild(lab.workDir().resolve("pharos"));
        this.bootRoot = Files.createDirectories(lab.workDir().resolve("boot"));
    }

    /** An empty lab with its switch; call after Requirements.assumeRoot(). */
    public static ClusterLab create() {
        NetnsLab lab = NetnsLab.create();
        try {
            return new ClusterLab(lab);
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * Starts `voters` nodes n1..nN: n1 alone, then `pharos cluster init --vip VIP/24`, then the others joining
     * n1 one after another; waits until n1 is active and holds the VIP.
     */
    public static ClusterLab start(int voters) {
        ClusterLab cluster = create();
        try {
            ClusterNode first = cluster.addFirst();
            cluster.init(first);
            for (int n = 2; n <= voters; n++) cluster.join("n" + n);
            cluster.awaitSingleVipHolder(Duration.ofSeconds(20));
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    public NetnsLab lab() {
        return lab;
    }

    Path launcher() {
        return root.resolve("pharos");
    }

    Path bootRoot() {
        return bootRoot;
    }

    /** NetnsLab names its bridge namespace PREFIX + "switch", beside PREFIX + "n1". */
    String switchNamespace() {
        String first = nodes.getFirst().namespace();
        return first.substring(0, first.length() - nodes.getFirst().id().length()) + "switch";
    }

    public String adminToken() {
        return "admin." + adminSecret;
    }

    public String clusterToken() {
        return clusterToken;
    }

    public List<ClusterNode> nodes() {
        return List.copyOf(nodes);
    }

    public ClusterNode node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    /** n1: a single-node cluster with a known admin token. */
    public ClusterNode addFirst() {
        return add("n1", List.of("--initial-admin-token", adminSecret));
    }

    /** `pharos cluster init --vip VIP/24` on the given node; keeps the token it printed. */
    public void init(ClusterNode node) {
        ExecResult init = node.cli("cluster", "init", "--vip", VIP + "/24").orFail();
        Matcher m = TOKEN_LINE.matcher(init.stdout());
        if (!m.find()) throw new AssertionError("cluster init printed no token: " + init.describe());
        clusterToken = m.group(1);
    }

    /** A new node nN (eth0 = 10.213.0.N) joining through n1's HTTP with the cluster token; waits for READY. */
    public ClusterNode join(String id, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--join", nodes.getFirst().httpUrl(), "--cluster-token", clusterToken));
        args.addAll(List.of(extraArgs));
        return add(id, args);
    }

    private ClusterNode add(String id, List<String> args) {
        int n = Integer.parseInt(id.substring(1));
        String ns = lab.namespace(id);
        String ip = "10.213.0." + n;
        ClusterNode node = new ClusterNode(this, id, ns, ip, args);
        lab.plug(ns, "eth0", BRIDGE, node.mac());
        lab.address(ns, "eth0", ip + "/24");
        nodes.add(node);
        node.start();
        return node;
    }

    /** A client namespace whose eth0 (this MAC, or random when null) is on the switch; address as given or none. */
    public String client(String role, String mac, String cidr) {
        String ns = lab.namespace(role);
        lab.plug(ns, "eth0", BRIDGE, mac);
        if (cidr != null) lab.address(ns, "eth0", cidr);
        return ns;
    }

    /** The nodes whose eth0 carries the VIP right now. */
    public List<ClusterNode> vipHolders() {
        return nodes.stream().filter(n -> n.holdsAddress(VIP)).toList();
    }

    /** Waits (bounded) until exactly one node holds the VIP and returns it. */
    public ClusterNode awaitSingleVipHolder(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ClusterNode> holders = List.of();
        while (System.nanoTime() < deadline) {
            holders = vipHolders();
            if (holders.size() == 1) return holders.getFirst();
            sleep(50);
        }
        throw new AssertionError("after " + timeout.toSeconds() + " s, " + holders.size() + " nodes hold the VIP "
                + VIP + ": " + holders.stream().map(ClusterNode::id).toList());
    }

    /** Waits (bounded) until this node, and no other, holds the VIP. */
    public ClusterNode awaitVipOn(ClusterNode node, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ClusterNode> holders = List.of();
        while (System.nanoTime() < deadline) {
            holders = vipHolders();
            if (holders.equals(List.of(node))) return node;
            sleep(50);
        }
        throw new AssertionError("after " + timeout.toSeconds() + " s the VIP is on " + holders.stream()
                .map(ClusterNode::id).toList() + ", not on " + node.id());
    }

    /** The node that `pharos cluster active -o json` names, asked of the given node; empty when none is active. */
    public Optional<String> activeAsSeenBy(ClusterNode asked) {
        ExecResult result = asked.cli("cluster", "active", "-o", "json");
        if (!result.ok()) return Optional.empty();
        try {
            String id = HttpReply.JSON.readTree(result.stdout()).path("active").asText("");
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            for (ClusterNode node : nodes.reversed()) node.close();
        } finally {
            lab.close();
        }
    }

    /**
     * Copies ./pharos and the built server (classes, lib) into dir; the copy of the launcher finds them there.
     * Waits (up to 2 min) while a build of the checkout is rewriting the classes.
     */
    private static Path copyOfBuild(Path dir) throws IOException {
        Path checkout = PharosProcess.root();
        Path target = checkout.resolve("pharos-node/target");
        Path copyTarget = Files.createDirectories(dir.resolve("pharos-node/target"));
        Path main = Path.of("classes/io/pharos/node/Main.class");
        Exec.run(Duration.ofSeconds(60), "cp", "-a", checkout.resolve("pharos").toString(), dir.toString()).orFail();
        for (int attempt = 1; attempt <= 24; attempt++) {
            if (Files.isRegularFile(target.resolve(main)) && Files.isDirectory(target.resolve("lib"))) {
                Exec.run(Duration.ofSeconds(60), "rm", "-rf", copyTarget.resolve("classes").toString(),
                        copyTarget.resolve("lib").toString()).orFail();
                ExecResult copied = Exec.run(Duration.ofSeconds(60), "cp", "-a", target.resolve("classes").toString(),
                        target.resolve("lib").toString(), copyTarget.toString());
                if (copied.ok() && Files.isRegularFile(copyTarget.resolve(main))) return dir;
            }
            sleep(5000);
        }
        throw new AssertionError("Pharos is not built (" + target.resolve(main) + " or " + target + "/lib is missing):"
                + " run mvn package");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
