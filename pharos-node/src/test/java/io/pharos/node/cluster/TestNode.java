package io.pharos.node.cluster;

import io.pharos.core.command.Command;
import io.pharos.core.model.Member;
import io.pharos.node.StartupException;
import io.pharos.node.http.ApiAuth;
import io.pharos.node.http.HttpHost;
import io.pharos.node.raft.RaftNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Pharos node in this JVM as far as clustering goes: its Raft server started by {@link ClusterJoin}, an
 * HTTP host on 127.0.0.1 with the cluster API, and a blob count the test sets. Everything on loopback.
 */
final class TestNode implements AutoCloseable {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    static final ClusterJoin.Waits WAITS = new ClusterJoin.Waits(Duration.ofSeconds(5), Duration.ofSeconds(45),
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(10));

    final String id;
    final Path dataDir;
    final ClusterJoin.Plan plan;
    final AtomicLong missingBlobs = new AtomicLong(0);
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    RaftNode raft;
    private HttpHost http;
    private ClusterApi api;

    private TestNode(String id, Path dataDir, ClusterJoin.Plan plan) {
        this.id = id;
        this.dataDir = dataDir;
        this.plan = plan;
    }

    /** A node of its own (or one that joined before); joinUrl null for none. */
    static ClusterJoin.Plan plan(String id, Path dataDir, String joinUrl, String token, boolean observer, boolean force) {
        return new ClusterJoin.Plan(id, dataDir, "127.0.0.1:" + freePort(), "127.0.0.1:" + freePort(),
                joinUrl == null ? "" : joinUrl, token == null ? "" : token, observer, force);
    }

    static TestNode start(String id, Path dataDir, String joinUrl, String token, boolean observer, boolean force)
            throws StartupException {
        return start(plan(id, dataDir, joinUrl, token, observer, force));
    }

    static TestNode start(ClusterJoin.Plan plan) throws StartupException {
        TestNode node = new TestNode(plan.nodeId(), plan.dataDir(), plan);
        node.raft = new ClusterJoin(plan, new PrintStream(node.output, true, StandardCharsets.UTF_8), CLOCK, WAITS).start();
        try {
            String[] http = plan.httpAddress().split(":");
            node.http = HttpHost.start(new InetSocketAddress(http[0], Integer.parseInt(http[1])));
            Member self = new Member(plan.nodeId(), plan.raftAddress(), plan.httpAddress(), plan.observer(),
                    Compatibility.VERSION);
            node.api = ClusterApi.mount(node.http, new ClusterContext(node.raft, new ApiAuth(node.raft.state()), self,
                    plan.dataDir(), node.missingBlobs::get, node.raft::isLeaderReady, new SecureRandom()));
            return node;
        } catch (IOException | RuntimeException e) {
            node.close();
            throw new IllegalStateException("test node " + plan.nodeId() + " did not start", e);
        }
    }

    /** Commits an admin API token on this (leading) node; answers its text "id.secret". */
    String createAdminToken() throws Exception {
        ApiAuth.NewToken token = ApiAuth.newToken("admin", ApiAuth.ADMIN, CLOCK.millis(), new SecureRandom());
        raft.commandLog().submit(new Command.PutToken(token.token())).get(10, TimeUnit.SECONDS);
        return token.text();
    }

    String url() {
        return "http://" + plan.httpAddress();
    }

    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (api != null) api.close();
        if (http != null) http.stop(Duration.ZERO);
        if (raft != null) raft.close();
        api = null;
        http = null;
        raft = null;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
