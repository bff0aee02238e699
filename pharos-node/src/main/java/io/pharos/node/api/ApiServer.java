package io.pharos.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpHandler;
import io.pharos.core.command.CommandLog;
import io.pharos.core.state.State;
import io.pharos.node.http.ApiAuth;
import io.pharos.node.http.HttpHost;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The REST API, mounted under {@value #PREFIX} on an {@link HttpHost}. Reads come from the local state;
 * writes go through the command log and answer only once committed.
 */
public final class ApiServer {
    public static final String PREFIX = "/api/v1";
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);

    private final HttpHost host;
    private final ApiAuth auth;
    private final Router router = new Router();

    private ApiServer(HttpHost host, ApiAuth auth) {
        this.host = host;
        this.auth = auth;
    }

    /**
     * Mounts the API on host.
     *
     * @param stats named counters for GET /stats (e.g. "dhcp", "tftp"); "http" is added from the host if absent
     */
    public static ApiServer mount(HttpHost host, State state, CommandLog log, Clock clock, SecureRandom random,
                                  Map<String, Supplier<Object>> stats, NodeStatus node) {
        return mount(host, state, log, clock, random, stats, node, DEFAULT_WRITE_TIMEOUT);
    }

    public static ApiServer mount(HttpHost host, State state, CommandLog log, Clock clock, SecureRandom random,
                                  Map<String, Supplier<Object>> stats, NodeStatus node, Duration writeTimeout) {
        ApiServer api = new ApiServer(host, new ApiAuth(state));
        CommandWriter writer = new CommandWriter(log, writeTimeout);
        Map<String, Supplier<Object>> allStats = new LinkedHashMap<>(stats);
        allStats.putIfAbsent("http", host::stats);
        Router router = api.router;
        new SubnetsApi(state, writer).register(router);
        new ReservationsApi(state, writer).register(router);
        new LeasesApi(state, writer).register(router);
        new MachinesApi(state, writer, random).register(router);
        new BootEnvsApi(state, writer).register(router);
        new TemplatesApi(state, writer).register(router);
        new ParamsApi(state, writer).register(router);
        new PreferencesApi(state, writer).register(router);
        new TokensApi(state, writer, clock, random).register(router);
        new StatusApi(node, allStats).register(router);
        JsonNode openApi = OpenApiDocument.load();
        router.add("GET", "/openapi.json", r -> Reply.ok(openApi));
        host.mount(PREFIX, new ApiHandler(PREFIX, router, api.auth,
                () -> host.prefixes().stream().filter(p -> p.startsWith(PREFIX + "/")).toList()));
        return api;
    }

    /**
     * Mounts a plain handler under {@value #PREFIX} + relativePrefix (e.g. "/files") behind the same token
     * check; the handler sees the full path and answers with {@link io.pharos.node.http.HttpResponses}.
     * (Handlers that check tokens themselves may mount on the host directly; the 404 lists them either way.)
     */
    public void mountAuthenticated(String relativePrefix, HttpHandler handler) {
        host.mount(PREFIX + relativePrefix, exchange -> {
            if (auth.authorize(exchange)) handler.handle(exchange);
        });
    }

    public ApiAuth auth() {
        return auth;
    }

    /** Every route the API answers, relative to {@value #PREFIX} (for the OpenAPI coverage test). */
    List<Router.Route> routes() {
        return router.routes();
    }
}
