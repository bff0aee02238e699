package io.pharos.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.pharos.core.model.ApiToken;
import io.pharos.node.codec.PharosJson;
import io.pharos.node.http.ApiAuth;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** One API request as routes see it: path parameters, query parameters and the JSON body. */
final class ApiRequest {
    /** Bodies are records of a few kilobytes; a template is the largest. Larger uploads go to /files. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpExchange exchange;
    private final Map<String, String> pathParams;

    ApiRequest(HttpExchange exchange, Map<String, String> pathParams) {
        this.exchange = exchange;
        this.pathParams = Map.copyOf(pathParams);
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path(String name) {
        String value = pathParams.get(name);
        if (value == null) throw new IllegalStateException("route has no path parameter {" + name + "}");
        return value;
    }

    Optional<String> query(String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) return Optional.empty();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            if (key.equals(name)) return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1), true));
        }
        return Optional.empty();
    }

    /** Who is asking: the token's name, for the log. */
    String actor() {
        return exchange.getAttribute(ApiAuth.TOKEN_ATTRIBUTE) instanceof ApiToken token ? token.name() : "?";
    }

    /** The body as a JSON object; 400 when it is missing, not JSON or not an object, 413 when too large. */
    ObjectNode bodyObject() throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES)
            throw new ApiException(413, "the body is larger than " + MAX_BODY_BYTES + " bytes; API records are small"
                    + " — upload large content with PUT /api/v1/files/{path}");
        if (bytes.length == 0) throw ApiException.badRequest("the body is empty; send a JSON object (Content-Type: application/json)");
        JsonNode node;
        try {
            node = PharosJson.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (node == null || !node.isObject())
            throw ApiException.badRequest("the body must be a JSON object {...}, not " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
        return (ObjectNode) node;
    }

    /** Percent-decodes a URI component; in paths '+' is a plus sign (RFC 3986 §2.1), in queries a space. */
    static String decode(String raw, boolean query) {
        try {
            return URLDecoder.decode(query ? raw : raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad percent-encoding in '" + raw + "'; encode '%' as %25");
        }
    }
}
