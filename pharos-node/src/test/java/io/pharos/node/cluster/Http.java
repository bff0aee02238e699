package io.pharos.node.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.pharos.node.codec.PharosJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A test's HTTP calls to the cluster API: status and JSON body. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Answer(int status, JsonNode json) {
        String error() {
            return json.path("error").asText();
        }

        @Override
        public String toString() {
            return status + " " + json;
        }
    }

    private Http() {}

    static Answer get(String base, String path, String authorization) throws Exception {
        return send(base, "GET", path, authorization, null);
    }

    static Answer send(String base, String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + ClusterApi.PREFIX + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) request.header("Authorization", authorization);
        if (body != null) request.header("Content-Type", "application/json");
        HttpResponse<byte[]> answer = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(answer.statusCode(), json(answer.body()));
    }

    static String admin(String token) {
        return "Bearer " + token;
    }

    private static JsonNode json(byte[] body) throws IOException {
        return body.length == 0 ? MissingNode.getInstance() : PharosJson.mapper().readTree(body);
    }
}
