package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Pharos REST API (/api/v1) as JSON trees. Every failure becomes a {@link CliException} whose message
 * is the server's own explanation (or why the server could not be reached) and whose exit code says which.
 */
final class ApiClient {
    static final String API_PREFIX = "/api/v1";
    // Writes answer only once committed; a slow quorum is an answer worth waiting for, a dead server is not.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final String token;
    private final Transport transport;

    /** endpoint: e.g. http://127.0.0.1:8080 (a path prefix is kept); token: "id.secret" or null. */
    ApiClient(URI endpoint, String token, Transport transport) {
        this.endpoint = endpoint;
        this.token = token;
        this.transport = transport;
    }

    JsonNode get(String path) {
        return json(request(path).GET().timeout(REQUEST_TIMEOUT).build());
    }

    /** POST or PUT of a JSON body; answers the server's JSON, or a missing node when it sent none. */
    JsonNode send(String method, String path, JsonNode body) {
        return json(request(path).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(CliJson.compact(body)))
                .build());
    }

    JsonNode delete(String path) {
        return json(request(path).DELETE().timeout(REQUEST_TIMEOUT).build());
    }

    /** Streams a local file as the raw body of PUT path (no time limit: boot images are large). */
    JsonNode upload(String path, Path file) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw CliException.usage("cannot read " + file + ": no such file");
        }
        return json(request(path).header("Content-Type", "application/octet-stream").PUT(body).build());
    }

    /** Streams the body of GET path into sink; returns the number of bytes copied. */
    long download(String path, OutputStream sink) {
        HttpRequest request = request(path).header("Accept", "*/*").GET().build();
        Transport.Reply reply = exchange(request);
        try (InputStream body = reply.body()) {
            if (reply.status() >= 300) throw failure(reply.status(), body);
            return body.transferTo(sink);
        } catch (IOException e) {
            throw new CliException(ExitCode.UNAVAILABLE, "the download of " + path + " from " + endpoint
                    + " broke off: " + e.getMessage() + "; try again");
        }
    }

    URI endpoint() {
        return endpoint;
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint + API_PREFIX + path))
                .header("Accept", "application/json")
                .header("User-Agent", "pharos-cli/" + VersionProvider.version());
        if (token != null) builder.header("Authorization", "Bearer " + token);
        return builder;
    }

    private JsonNode json(HttpRequest request) {
        Transport.Reply reply = exchange(request);
        try (InputStream body = reply.body()) {
            if (reply.status() >= 300) throw failure(reply.status(), body);
            byte[] bytes = body.readAllBytes();
            if (bytes.length == 0) return MissingNode.getInstance();
            try {
                return CliJson.MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new CliException(ExitCode.UNAVAILABLE, endpoint + " answered " + request.method() + " "
                        + request.uri().getPath() + " with something that is not JSON; is --endpoint pointing at Pharos?");
            }
        } catch (IOException e) {
            throw ApiErrors.unreachable(endpoint, e);
        }
    }

    private CliException failure(int status, InputStream body) throws IOException {
        String text = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        return ApiErrors.failure(endpoint, status, text, token != null);
    }

    private Transport.Reply exchange(HttpRequest request) {
        try {
            return transport.send(request);
        } catch (IOException e) {
            throw ApiErrors.unreachable(endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.UNAVAILABLE, "interrupted while waiting for Pharos at " + endpoint
                    + "; a write may or may not have been committed — check with a list or show command");
        }
    }
}
