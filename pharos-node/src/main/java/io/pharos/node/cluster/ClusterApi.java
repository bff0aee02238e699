package io.pharos.node.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pharos.node.codec.PharosJson;
import io.pharos.node.http.HttpHost;
import io.pharos.node.http.HttpResponses;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value #PREFIX}: the cluster's membership and health over HTTP, for the CLI and for the nodes themselves.
 * Mounted on the node's {@link HttpHost} beside the REST API, with its own access rules ({@link ClusterAccess}).
 * Routes only the leader can answer are forwarded to it from any other node ({@link LeaderForwarder}).
 */
public final class ClusterApi implements HttpHandler, AutoCloseable {
    public static final String PREFIX = "/api/v1/cluster";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterApi.class);
    private static final int MAX_BODY_BYTES = 64 * 1024;
    /** A join waits for the new member to catch up before the group commits it. */
    static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(1);

    private interface Action {
        Object run(HttpExchange exchange, String parameter, byte[] body) throws IOException;
    }

    /** One route: "/members/*" takes the last segment as its parameter. */
    private record Route(String method, String pattern, ClusterAccess.Rule rule, boolean leaderOnly, Duration forwardTimeout,
                         int status, Action action) {}

    private final ClusterContext context;
    private final ClusterAccess access;
    private final LeaderForwarder forwarder;
    private final ReplicationWatch watch;
    private final List<Route> routes = new ArrayList<>();

    private ClusterApi(ClusterContext context, PeerClient client, ReplicationWatch watch) {
        this.context = context;
        this.access = new ClusterAccess(context.auth(), context.raft().state());
        this.forwarder = new LeaderForwarder(context.raft(), client);
        this.watch = watch;
        LocalReport local = new LocalReport(context.raft(), context.blobs(), context.active());
        ClusterStatusReader status = new ClusterStatusReader(context, local, watch, client, PEER_TIMEOUT);
        ClusterMembers members = new ClusterMembers(context.raft(), CHANGE_TIMEOUT, WRITE_TIMEOUT);
        ClusterInit init = new ClusterInit(context, WRITE_TIMEOUT);
        var anyone = ClusterAccess.Rule.MEMBERS_TOO;
        var admin = ClusterAccess.Rule.ADMIN_ONLY;
        Duration quick = Duration.ofSeconds(10);
        Duration change = CHANGE_TIMEOUT.plusSeconds(15);
        local("/info", (x, p, b) -> ClusterFacts.info(context.raft()));
        local("/id", (x, p, b) -> ClusterFacts.id(context.raft()));
        local("/leader", (x, p, b) -> ClusterFacts.leader(context.raft()));
        local("/local", (x, p, b) -> local.now());
        routes.add(new Route("GET", "/status", anyone, true, quick, 200, (x, p, b) -> status.status()));
        routes.add(new Route("GET", "/peers", anyone, true, quick, 200, (x, p, b) -> status.peers()));
        routes.add(new Route("GET", "/active", anyone, true, quick, 200, (x, p, b) -> status.active()));
        routes.add(new Route("GET", "/failover-safe", anyone, true, quick, 200, (x, p, b) -> status.safety()));
        routes.add(new Route("GET", "/dump", anyone, true, quick, 200, (x, p, b) -> status.dump()));
        routes.add(new Route("POST", "/init", admin, true, quick, 201,
                (x, p, b) -> init.init(read(b, ClusterWire.InitRequest.class))));
        routes.add(new Route("POST", "/members", anyone, true, change, 200,
                (x, p, b) -> members.join(read(b, ClusterWire.JoinRequest.class))));
        routes.add(new Route("DELETE", "/members/*", admin, true, change, 200, (x, p, b) -> members.remove(p)));
        routes.add(new Route("POST", "/transfer", admin, true, change, 200, (x, p, b) -> members.transfer(
                b.length == 0 ? null : read(b, ClusterWire.TransferRequest.class).to())));
    }

    /**
     * Mounts the cluster API on host and starts watching replication (for CLUSTER_PEER_* log lines and the
     * status); close it on shutdown.
     */
    public static ClusterApi mount(HttpHost host, ClusterContext context) {
        ClusterApi api = new ClusterApi(context, new PeerClient(Duration.ofSeconds(2)),
                ReplicationWatch.start(context.raft(), Duration.ofMillis(500)));
        host.mount(PREFIX, api);
        return api;
    }

    private void local(String path, Action action) {
        routes.add(new Route("GET", path, ClusterAccess.Rule.MEMBERS_TOO, false, null, 200, action));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath().substring(PREFIX.length());
        if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        String method = exchange.getRequestMethod().equals("HEAD") ? "GET" : exchange.getRequestMethod();
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            String parameter = match(route.pattern(), path);
            if (parameter == null) continue;
            if (route.method().equals(method)) {
                serve(exchange, route, parameter);
                return;
            }
            allowed.add(route.method());
        }
        if (!allowed.isEmpty()) {
            exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
            HttpResponses.error(exchange, 405, exchange.getRequestMethod() + " is not allowed on " + PREFIX + path
                    + "; use " + String.join(" or ", allowed));
            return;
        }
        HttpResponses.error(exchange, 404, "no cluster route at " + PREFIX + path + "; there are " + routes());
    }

    /** Every route as "GET /api/v1/cluster/members/{id}", as the OpenAPI document names them. */
    public List<String> routes() {
        return routes.stream().map(r -> r.method() + " " + PREFIX + r.pattern().replace("*", "{id}")).toList();
    }

    private void serve(HttpExchange exchange, Route route, String parameter) throws IOException {
        if (!access.authorize(exchange, route.rule())) return;
        try {
            byte[] body = body(exchange);
            if (route.leaderOnly() && !context.raft().isLeaderReady()) {
                forwarder.forward(exchange, body, route.forwardTimeout());
                return;
            }
            HttpResponses.json(exchange, route.status(), route.action().run(exchange, parameter, body));
        } catch (ClusterProblem e) {
            if (e.status() >= 500) LOG.warn("CLUSTER_REQUEST_FAILED {} {}: {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), e.getMessage());
            HttpResponses.error(exchange, e.status(), e.getMessage());
        }
    }

    /** "" when pattern equals path, the last segment for "/x/*", null when it does not match. */
    private static String match(String pattern, String path) {
        if (!pattern.endsWith("/*")) return pattern.equals(path) ? "" : null;
        String stem = pattern.substring(0, pattern.length() - 1);
        if (!path.startsWith(stem)) return null;
        String rest = path.substring(stem.length());
        return rest.isEmpty() || rest.contains("/") ? null : java.net.URLDecoder.decode(rest.replace("+", "%2B"),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES)
                throw new ClusterProblem(413, "the body is larger than " + MAX_BODY_BYTES + " bytes; cluster requests are small");
            return bytes;
        }
    }

    private static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) throw ClusterProblem.badRequest("the body is empty; send a JSON object");
        try {
            return PharosJson.mapper().readValue(body, type);
        } catch (JsonProcessingException e) {
            throw ClusterProblem.badRequest("the body is not a valid " + type.getSimpleName() + " (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw ClusterProblem.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        watch.close();
    }
}
