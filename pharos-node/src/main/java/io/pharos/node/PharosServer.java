package io.pharos.node;

import io.pharos.core.state.State;
import io.pharos.node.api.ApiServer;
import io.pharos.node.api.NodeStatus;
import io.pharos.node.boot.BootCounters;
import io.pharos.node.boot.BootHttp;
import io.pharos.node.boot.BootRoot;
import io.pharos.node.boot.BootScripts;
import io.pharos.node.boot.MachineRegistrar;
import io.pharos.node.boot.RenderedTftpFiles;
import io.pharos.node.boot.StoreTftpFiles;
import io.pharos.node.boot.TemplateRenderer;
import io.pharos.node.config.NodeSettings;
import io.pharos.node.dhcp.DhcpServer;
import io.pharos.node.dhcp.DhcpServerSettings;
import io.pharos.protocols.dhcp.policy.DhcpPolicySettings;
import io.pharos.node.files.BlobGarbageCollector;
import io.pharos.node.files.BlobStore;
import io.pharos.node.files.FilesApi;
import io.pharos.node.http.HttpHost;
import io.pharos.node.raft.RaftNode;
import io.pharos.node.raft.RaftSettings;
import io.pharos.node.raft.RaftStartException;
import io.pharos.node.tftp.BootRootFileSource;
import io.pharos.node.tftp.FirstMatchFileSource;
import io.pharos.node.tftp.TftpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the Raft node and its state, then the services on top of it. A service that
 * cannot start (a port without permission, say) is reported with its fix and the others still start.
 */
public final class PharosServer implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    public static final String READY_LINE = "PHAROS_READY";
    private static final Logger log = LoggerFactory.getLogger(PharosServer.class);

    private final NodeSettings settings;
    private final PrintStream out;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, Supplier<Object>> stats = new LinkedHashMap<>();
    private final ScheduledExecutorService chores = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("pharos-chores").daemon().factory());
    private final CountDownLatch stopped = new CountDownLatch(1);
    private RaftNode raft;
    private HttpHost http;
    private String adminToken;

    private PharosServer(NodeSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static PharosServer start(NodeSettings settings, PrintStream out) throws StartupException {
        PharosServer server = new PharosServer(settings, out);
        try {
            server.startAll();
            return server;
        } catch (StartupException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void startAll() throws StartupException {
        createDirectories();
        out.println("Pharos " + VERSION + " node " + settings.nodeId() + " (single-node cluster), data in "
                + settings.dataDir());
        try {
            raft = RaftNode.start(RaftSettings.singleNode(settings.nodeId(), settings.dataDir(),
                    hostPort(settings.raftAddress())));
            running.add(raft);
            raft.awaitLeader(Duration.ofSeconds(30));
        } catch (RaftStartException e) {
            throw new StartupException(e.getMessage(), e);
        }
        out.println("  raft  " + hostPort(settings.raftAddress()) + " (log and snapshots in "
                + settings.dataDir().resolve("raft") + ")");
        State state = raft.state();
        adminToken = FirstStart.seedIfEmpty(state, raft.commandLog(), settings.initialAdminToken(), clock.millis(),
                random).orElse(null);

        BlobStore blobs;
        try {
            blobs = new BlobStore(settings.dataDir(), clock);
        } catch (IOException e) {
            throw new StartupException("cannot open the file store under " + settings.dataDir() + ": " + e.getMessage()
                    + " — check the data directory's permissions and free space", e);
        }
        BootCounters bootCounters = new BootCounters();
        BootScripts scripts = new BootScripts(state, new TemplateRenderer(state), bootCounters);
        String advertise = settings.advertiseAddress() == null ? null : settings.advertiseAddress().toString();
        bindHttp();
        startTftp(state, blobs, scripts, bootCounters, advertise);
        startDhcp(state);
        mountHttp(state, blobs, scripts, bootCounters, advertise);
        scheduleChores(state, blobs);

        if (adminToken != null)
            out.println("  admin token (shown once, keep it): " + adminToken
                    + "\n    use it with: export PHAROS_TOKEN=" + adminToken);
        out.println(READY_LINE);
        out.flush();
    }

    private void bindHttp() {
        try {
            http = HttpHost.start(settings.httpAddress());
            running.add(http::stop);
        } catch (IOException e) {
            report("http", settings.httpAddress() + "/tcp", e.getMessage());
        }
    }

    /** Mounted after the other services started, so that /stats lists theirs. */
    private void mountHttp(State state, BlobStore blobs, BootScripts scripts, BootCounters bootCounters,
                           String advertise) {
        if (http == null) return;
        stats.put("boot", bootCounters::snapshot);
        ApiServer api = ApiServer.mount(http, state, raft.commandLog(), clock, random, stats,
                new NodeStatus(settings.nodeId(), VERSION, () -> raft.role().label(), raft::appliedIndex));
        http.mount(FilesApi.PREFIX, new FilesApi(state, raft.commandLog(), blobs, api.auth(), clock));
        MachineRegistrar registrar = new MachineRegistrar(state, raft.commandLog(), UUID::randomUUID, Duration.ofSeconds(5));
        http.mount(BootHttp.PREFIX, new BootHttp(state, scripts, registrar, blobs, new BootRoot(settings.bootRoot()),
                advertise, bootCounters));
        String base = "http://" + hostPort(http.address());
        out.println("  http  " + base + "  (API " + base + ApiServer.PREFIX + ", boot files " + base
                + BootHttp.PREFIX + "/files/, iPXE scripts " + base + BootHttp.PREFIX + "/ipxe/<mac>)");
    }

    private void startTftp(State state, BlobStore blobs, BootScripts scripts, BootCounters bootCounters,
                           String advertise) {
        try {
            TftpServer tftp = new TftpServer(settings.tftpAddress(), FirstMatchFileSource.of(
                    new RenderedTftpFiles(scripts, advertise, httpPort(), bootCounters),
                    new StoreTftpFiles(state, blobs, bootCounters),
                    new BootRootFileSource(settings.bootRoot())));
            tftp.start();
            running.add(tftp::close);
            stats.put("tftp", tftp::stats);
            out.println("  tftp  " + hostPort(tftp.localAddress()) + "/udp  (boot root " + settings.bootRoot() + ")");
        } catch (IOException e) {
            report("tftp", settings.tftpAddress() + "/udp", e.getMessage());
        }
    }

    private void startDhcp(State state) {
        DhcpServer dhcp = new DhcpServer(state, raft.commandLog(), DhcpServerSettings.defaults()
                .withListen(settings.dhcpAddress())
                .withInterfaces(settings.dhcpInterfaces())
                .withAdvertise(settings.advertiseAddress())
                .withPolicy(DhcpPolicySettings.DEFAULTS.withHttpPort(httpPort())), clock);
        try {
            dhcp.start();
            running.add(dhcp::close);
            stats.put("dhcp", dhcp::stats);
            out.println("  dhcp  " + dhcp.localAddresses().stream().map(PharosServer::hostPort).toList() + "/udp"
                    + (settings.dhcpInterfaces().isEmpty() ? " (every up IPv4 interface)"
                    : " (interfaces " + String.join(",", settings.dhcpInterfaces()) + ")"));
        } catch (IOException e) {
            report("dhcp", settings.dhcpAddress() + "/udp", e.getMessage());
        }
    }

    private void scheduleChores(State state, BlobStore blobs) {
        BlobGarbageCollector gc = new BlobGarbageCollector(blobs, state::files, clock, Duration.ofHours(1));
        chores.scheduleWithFixedDelay(() -> {
            try {
                gc.runOnce();
            } catch (IOException | RuntimeException e) {
                log.warn("FILES_GC_FAILED {} — check the data directory's permissions and free space", e.toString());
            }
        }, 10, 10, TimeUnit.MINUTES);
    }

    private void report(String service, String where, String why) {
        out.println("  " + service + "  NOT STARTED on " + where + ": " + why);
        log.error("SERVICE_START_FAILED {} on {}: {}", service, where, why);
    }

    private void createDirectories() throws StartupException {
        for (var dir : List.of(settings.dataDir(), settings.bootRoot())) {
            try {
                Files.createDirectories(dir);
                if (!Files.isWritable(dir)) throw new IOException("not writable by this user");
            } catch (IOException e) {
                throw new StartupException("cannot use directory " + dir + " (" + e.getMessage()
                        + "): choose another with --data-dir / --boot-root, or fix its owner and permissions");
            }
        }
    }

    static String hostPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    public State state() {
        return raft.state();
    }

    /** The port boot URLs name: the bound one (which differs from the setting only for port 0). */
    public int httpPort() {
        return http == null ? settings.httpAddress().getPort() : http.address().getPort();
    }

    /** The first admin token's text, when this start created it. */
    public String adminToken() {
        return adminToken;
    }

    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        chores.shutdownNow();
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.warn("SHUTDOWN_STEP_FAILED {}", e.toString());
            }
        }
        running.clear();
        stopped.countDown();
    }
}
