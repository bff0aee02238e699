package io.pharos.node.ha;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * HTTP answers at all: any status counts, since what is checked is that the server accepts and its handler
 * threads respond, not any one route. A wildcard bind address is probed on loopback.
 */
public final class HttpProbe implements ServiceSet.HealthCheck {
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final URI uri;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public HttpProbe(InetSocketAddress address) {
        String host = address.getAddress() == null || address.getAddress().isAnyLocalAddress()
                ? "127.0.0.1" : address.getAddress().getHostAddress();
        this.uri = URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Optional<String> problem() {
        try {
            client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(uri + " did not answer (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
