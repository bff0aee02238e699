package io.pharos.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpHostTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpHost host;

    HttpHostTest() throws BindException {
        host = HttpHost.start(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        host.stop(Duration.ZERO);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + host.address().getPort() + path);
    }

    /** Stats once done holds, waiting at most 2 s: statuses are counted just after the answer is sent. */
    private HttpStats settled(Predicate<HttpStats> done) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        HttpStats stats = host.stats();
        while (!done.test(stats) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            stats = host.stats();
        }
        return stats;
    }

    @Test
    void aFailingHandlerGets500AndTheServerKeepsServing() throws Exception {
        host.mount("/boom", exchange -> {
            throw new IllegalStateException("kaput");
        });
        host.mount("/silent", exchange -> {});
        host.mount("/ok", exchange -> HttpResponses.json(exchange, 200, Map.of("fine", true)));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> boom = get("/boom");
            assertEquals(500, boom.statusCode());
            assertTrue(boom.body().contains("\"error\":\"internal error while handling GET /boom (IllegalStateException)"), boom.body());
        }
        assertEquals(500, get("/silent").statusCode());
        assertEquals("{\"fine\":true}", get("/ok").body());
        HttpStats stats = settled(s -> s.status2xx() + s.status5xx() == 5);
        assertEquals(5, stats.requests());
        assertEquals(4, stats.status5xx());
        assertEquals(4, stats.handlerFailures());
        assertEquals(1, stats.status2xx());
    }

    @Test
    void unmountedPathsAre404NamingThePrefixes() throws Exception {
        host.mount("/api/v1", exchange -> HttpResponses.empty(exchange, 204));
        host.mount("/boot", exchange -> HttpResponses.empty(exchange, 204));
        HttpResponse<String> response = get("/nothing/here");
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("paths start with /api/v1, /boot"), response.body());
        assertEquals(1, settled(s -> s.status4xx() > 0).status4xx());
    }

    @Test
    void theLongestPrefixWinsAndMountingAgainReplaces() throws Exception {
        host.mount("/a", exchange -> HttpResponses.json(exchange, 200, "short"));
        host.mount("/a/b", exchange -> HttpResponses.json(exchange, 200, "long"));
        assertEquals("\"long\"", get("/a/b/c").body());
        assertEquals("\"short\"", get("/a/x").body());
        host.mount("/a", exchange -> HttpResponses.json(exchange, 200, "again"));
        assertEquals("\"again\"", get("/a/x").body());
    }

    @Test
    void bytesInAndOutAreCounted() throws Exception {
        host.mount("/echo", exchange -> HttpResponses.bytes(exchange, 200, exchange.getRequestBody().readAllBytes()));
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000))));
        assertEquals(1000, response.body().length());
        HttpStats stats = settled(s -> s.status2xx() == 1);
        assertEquals(1000, stats.bytesIn());
        assertEquals(1000, stats.bytesOut());
    }

    @Test
    void aTakenPortFailsWithAddressReasonAndFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BindException e = assertThrows(BindException.class,
                    () -> HttpHost.start(new InetSocketAddress("127.0.0.1", taken.getLocalPort())));
            assertTrue(e.getMessage().startsWith("cannot listen for HTTP on 127.0.0.1:" + taken.getLocalPort() + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertTrue(e.getMessage().contains("--http-address"), e.getMessage());
        }
    }

    @Test
    void stopFreesThePort() throws Exception {
        HttpHost other = HttpHost.start(new InetSocketAddress("127.0.0.1", 0));
        int port = other.address().getPort();
        long started = System.nanoTime();
        other.stop();
        assertTrue(System.nanoTime() - started < 3_000_000_000L, "an idle host stops at once");
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }
}
