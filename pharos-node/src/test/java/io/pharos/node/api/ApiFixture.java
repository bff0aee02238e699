package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.pharos.core.command.Command;
import io.pharos.core.model.BootEnv;
import io.pharos.core.model.Template;
import io.pharos.core.state.State;
import io.pharos.node.codec.PharosJson;
import io.pharos.node.http.ApiAuth;
import io.pharos.node.http.HttpHost;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A real HttpHost on 127.0.0.1 (ephemeral port) with the API mounted over a real State, the default boot
 * content and one admin token; a java.net.http client that sends that token.
 */
final class ApiFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    final State state = new State();
    final SynchronousCommandLog log = new SynchronousCommandLog(state);
    final HttpHost host;
    final ApiServer api;
    final String adminToken;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiFixture() throws IOException {
        this(Duration.ofSeconds(5));
    }

    ApiFixture(Duration writeTimeout) throws IOException {
        state.apply(new Command.Batch(List.of(
                new Command.PutTemplate(new Template("local-ipxe", "#!ipxe\nexit\n")),
                new Command.PutTemplate(new Template("discovery-ipxe", "#!ipxe\nchain /boot/register?mac=${net0/mac}\n")),
                new Command.PutBootEnv(new BootEnv("local", "boot from disk", null, List.of(), "",
                        Map.of("ipxe", "local-ipxe"), List.of())),
                new Command.PutBootEnv(new BootEnv("discovery", "register", null, List.of(), "",
                        Map.of("ipxe", "discovery-ipxe"), List.of())))));
        ApiAuth.NewToken admin = ApiAuth.newToken("admin", ApiAuth.ADMIN, NOW.toEpochMilli(), new SecureRandom());
        state.apply(new Command.PutToken(admin.token()));
        adminToken = admin.text();
        host = HttpHost.start(new InetSocketAddress("127.0.0.1", 0));
        Map<String, Supplier<Object>> stats = Map.of("dhcp", () -> Map.of("malformed", 3));
        NodeStatus node = new NodeStatus("node1", "0.1.0-test", () -> "leader", () -> 42L);
        api = ApiServer.mount(host, state, log, Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom(), stats, node,
                writeTimeout);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + host.address().getPort() + path);
    }

    HttpResponse<String> send(String method, String path, String body) {
        return send(method, path, body, adminToken);
    }

    HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    HttpResponse<String> post(String path, String body) {
        return send("POST", path, body);
    }

    HttpResponse<String> put(String path, String body) {
        return send("PUT", path, body);
    }

    HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return PharosJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Asserts the status and returns the error message, for assertions on its content. */
    static String error(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        return json(response).get("error").asText();
    }

    @Override
    public void close() {
        host.stop(Duration.ZERO);
    }
}
