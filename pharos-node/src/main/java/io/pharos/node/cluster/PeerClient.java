package io.pharos.node.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.pharos.node.codec.PharosJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** HTTP between nodes: the cluster API of another node, as JSON records, every call bounded in time. */
final class PeerClient {
    static final String API = "/api/v1/cluster";
    /** Set on a request one node forwards to the leader, so that it is never forwarded twice. */
    static final String FORWARDED_BY = "X-Pharos-Forwarded-By";

    private final HttpClient http;

    PeerClient(Duration connectTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A bounded answer as bytes, whatever its status. */
    record Raw(int status, String contentType, byte[] body) {}

    /** Anything short of a 2xx answer that decodes: status 0 when the node was not reached. */
    static final class PeerException extends Exception {
        private final int status;

        PeerException(int status, String message, Throwable cause) {
            super(message, cause, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** "10.0.0.2:8080" or "http://10.0.0.2:8080/" → "http://10.0.0.2:8080". */
    static String base(String address) {
        String text = address.strip();
        while (text.endsWith("/")) text = text.substring(0, text.length() - 1);
        return text.startsWith("http://") || text.startsWith("https://") ? text : "http://" + text;
    }

    <T> T get(String node, String path, String authorization, Class<T> type, Duration timeout) throws PeerException {
        return decode(node, path, send(node, "GET", API + path, Map.of("Authorization", authorization), null, timeout), type);
    }

    <T> T post(String node, String path, String authorization, Object body, Class<T> type, Duration timeout)
            throws PeerException {
        byte[] bytes;
        try {
            bytes = PharosJson.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a cluster message did not encode", e);
        }
        return decode(node, path, send(node, "POST", API + path, Map.of("Authorization", authorization,
                "Content-Type", "application/json"), bytes, timeout), type);
    }

    Raw send(String node, String method, String pathAndQuery, Map<String, String> headers, byte[] body,
             Duration timeout) throws PeerException {
        URI uri;
        try {
            uri = URI.create(base(node) + pathAndQuery);
        } catch (IllegalArgumentException e) {
            throw new PeerException(0, "'" + node + "' is not a node address like 10.0.0.2:8080", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Raw(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse("application/json"),
                    answer.body());
        } catch (IOException e) {
            throw new PeerException(0, "cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException(0, "interrupted while waiting for " + uri.getAuthority(), e);
        }
    }

    private static <T> T decode(String node, String path, Raw raw, Class<T> type) throws PeerException {
        if (raw.status() / 100 != 2)
            throw new PeerException(raw.status(), base(node) + " answered " + raw.status() + " to " + API + path + ": "
                    + errorText(raw.body()), null);
        try {
            return PharosJson.mapper().readValue(raw.body(), type);
        } catch (IOException e) {
            throw new PeerException(raw.status(), base(node) + " answered " + API + path + " with something that is not "
                    + "what Pharos sends (" + e.getMessage() + "); is that address a Pharos node?", e);
        }
    }

    /** The "error" of a Pharos error body, else the start of the body. */
    static String errorText(byte[] body) {
        try {
            JsonNode node = PharosJson.mapper().readTree(body);
            if (node != null && node.hasNonNull("error")) return node.get("error").asText();
        } catch (IOException e) {
            // not JSON: shown as text below
        }
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(no body)" : text;
    }
}
