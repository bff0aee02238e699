package io.pharos.node;

import io.pharos.core.state.State;
import io.pharos.core.net.Ipv4;
import io.pharos.node.cluster.ClusterApi;
import io.pharos.node.cluster.ClusterContext;
import io.pharos.node.cluster.ClusterJoin;
import io.pharos.node.cluster.SelfMember;
import io.pharos.node.ha.DataDirCheck;
import io.pharos.node.ha.HaController;
import io.pharos.node.ha.HaState;
import io.pharos.node.ha.HttpProbe;
import io.pharos.node.ha.OperatorSignals;
import io.pharos.node.ha.ServiceSet;
import io.pharos.node.raft.GroupConfiguration;
import io.pharos.node.replication.BlobEndpoint;
import io.pharos.node.replication.BlobFetcher;
import io.pharos.node.replication.BlobInventory;
import io.pharos.node.replication.BlobReplicator;
import io.pharos.node.replication.ClusterBlobAccess;
import io.pharos.node.replication.ReplicationSources;
import io.pharos.node.replication.Throttle;
import io.pharos.node.api.ApiServer;
import io.pharos.node.api.NodeStatus;
import io.pharos.node.boot.BootCounters;
import io.pharos.node.boot.BootHttp;
import io.pharos.node.boot.BootRoot;
import io.pharos.node.boot.BootScripts;
import io.pharos.node.boot.MachineRegistrar;
import io.pharos.node.boot.TemplateRenderer;
import io.pharos.node.config.NodeSettings;
import io.pharos.node.files.BlobGarbageCollector;
import io.pharos.node.files.BlobStore;
import io.pharos.node.files.FilesApi;
import io.pharos.node.http.HttpHost;
import io.pharos.node.raft.RaftNode;
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
    private HaController ha;
    private BlobReplicator replicator;
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
        out.println("Pharos " + VERSION + " node " + settings.nodeId() + ", data in " + settings.dataDir());
        raft = ClusterJoin.start(settings, out, clock);
        running.add(raft);
        GroupConfiguration group = raft.configuration();
        out.println("  raft  " + hostPort(settings.raftAddress()) + " (" + (group.voters().size() == 1
                ? "single-node cluster" : "cluster of " + group.voters().size() + " voters") + ", log in "
                + settings.dataDir().resolve("raft") + ")");
        State state = raft.state();
        if (raft.isLeaderReady())
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
        bindHttp();
        BlobInventory inventory = new BlobInventory(state, blobs);
        startReplication(state, blobs, inventory);
        ActiveDhcp dhcp = new ActiveDhcp(state, raft.commandLog(), settings, httpPort(), this::advertisedAddress, clock,
                () -> ha.mayServe(), out);
        ActiveTftp tftp = new ActiveTftp(state, blobs, scripts, bootCounters, settings, httpPort(),
                this::advertisedText, () -> ha.mayServe(), out);
        stats.put("dhcp", dhcp::stats);
        stats.put("tftp", tftp::stats);
        stats.put("log", raft::logStats);
        stats.put("leadership", raft::leadershipStats);
        startHa(new ServiceSet(List.of(dhcp, tftp), healthChecks()));
        mountHttp(state, blobs, scripts, bootCounters, inventory);
        scheduleChores(state, blobs);
        chores.scheduleWithFixedDelay(() -> {
            try {
                dhcp.followAdvertisedAddress();
            } catch (Exception e) {
                log.warn("DHCP_RESTART_FAILED after the advertised address changed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        awaitActiveIfLeading();

        if (adminToken != null)
            out.println("  admin token (shown once, keep it): " + adminToken
                    + "\n    use it with: export PHAROS_TOKEN=" + adminToken);
        out.println(READY_LINE);
        out.flush();
    }

    /** The address clients are told to use: the cluster's VIP once set, else --advertise-address, else none. */
    private Ipv4 advertisedAddress() {
        Ipv4 vip = raft.state().cluster().vip();
        return vip != null ? vip : settings.advertiseAddress();
    }

    private String advertisedText() {
        Ipv4 address = advertisedAddress();
        return address == null ? null : address.toString();
    }

    private List<ServiceSet.HealthCheck> healthChecks() {
        List<ServiceSet.HealthCheck> checks = new ArrayList<>();
        if (http != null) checks.add(new HttpProbe(http.address()));
        checks.add(new DataDirCheck(settings.dataDir(), DataDirCheck.DEFAULT_MIN_FREE));
        return checks;
    }

    private void startHa(ServiceSet services) throws StartupException {
        ha = HaController.create(raft, services, settings);
        try {
            ha.start();
        } catch (IOException e) {
            throw new StartupException("the role controller cannot start: " + e.getMessage()
                    + " — check that bash and ip(8) are installed and " + settings.dataDir().resolve("ha")
                    + " is writable", e);
        }
        running.add(ha);
        OperatorSignals.install(ha);
    }

    private void startReplication(State state, BlobStore blobs, BlobInventory inventory) {
        replicator = new BlobReplicator(inventory, new BlobFetcher(blobs, ClusterBlobAccess.credentials(settings.dataDir()),
                Duration.ofSeconds(2), Duration.ofSeconds(10)),
                ReplicationSources.of(state, raft::leaderId, settings.nodeId()), BlobReplicator.Settings.DEFAULTS,
                System::nanoTime);
        replicator.start();
        running.add(replicator);
        stats.put("replication", replicator::progress);
    }

    /** The leader of a fresh or single-node cluster reports READY once its services answer. */
    private void awaitActiveIfLeading() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (raft.isLeaderReady() && !ha.haState().equals(HaState.ACTIVE) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        out.println("  role  " + ha.state() + raft.leaderId().map(l -> " (leader: " + l + ")").orElse(" (no leader yet)"));
    }

    private void bindHttp() {
        try {
            http = HttpHost.start(settings.httpAddress());
            running.add(http::stop);
        } catch (IOException e) {
            report("http", settings.httpAddress() + "/tcp", e.getMessage());
        }
    }

    /** Mounted after the other services are known, so that /stats lists theirs. */
    private void mountHttp(State state, BlobStore blobs, BootScripts scripts, BootCounters bootCounters,
                           BlobInventory inventory) {
        if (http == null) return;
        stats.put("boot", bootCounters::snapshot);
        ApiServer api = ApiServer.mount(http, state, raft.commandLog(), clock, random, stats,
                new NodeStatus(settings.nodeId(), VERSION, () -> ha.state() + " (raft " + raft.role().label() + ")",
                        raft::appliedIndex));
        http.mount(FilesApi.PREFIX, new FilesApi(state, raft.commandLog(), blobs, api.auth(), clock));
        http.mount(BlobEndpoint.PREFIX, new BlobEndpoint(blobs, ClusterBlobAccess.authorizer(state, api.auth()),
                Throttle.NONE));
        running.add(ClusterApi.mount(http, new ClusterContext(raft, api.auth(),
                SelfMember.of(settings, httpPort(), VERSION), settings.dataDir(), inventory::missingBlobs,
                ha::mayServe, random)));
        MachineRegistrar registrar = new MachineRegistrar(state, raft.commandLog(), UUID::randomUUID, Duration.ofSeconds(5));
        http.mount(BootHttp.PREFIX, new BootHttp(state, scripts, registrar, blobs, new BootRoot(settings.bootRoot()),
                this::advertisedText, bootCounters));
        String base = "http://" + hostPort(http.address());
        out.println("  http  " + base + "  (API " + base + ApiServer.PREFIX + ", boot files " + base
                + BootHttp.PREFIX + "/files/, iPXE scripts " + base + BootHttp.PREFIX + "/ipxe/<mac>)");
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

    /** "0.0.0.0:8080" rather than the JDK's "0:0:0:0:0:0:0:0:8080" for a wildcard bind. */
    static String hostPort(java.net.InetSocketAddress address) {
        boolean wildcard = address.getAddress() != null && address.getAddress().isAnyLocalAddress();
        return (wildcard ? "0.0.0.0" : address.getHostString()) + ":" + address.getPort();
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
