package io.pharos.cli;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The real transport: the JDK HTTP client. */
public final class HttpTransport implements Transport {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    // HTTP/1.1: the API server speaks nothing newer, and the h2c upgrade attempt would only add a round of headers.
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    @Override
    public Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    @Override
    public void close() {
        client.close();
    }
}
