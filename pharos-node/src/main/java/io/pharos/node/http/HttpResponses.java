package io.pharos.node.http;

import com.sun.net.httpserver.HttpExchange;
import io.pharos.node.codec.PharosJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** The three ways a handler answers: a record as JSON, an error as {"error": ...}, or nothing. */
public final class HttpResponses {
    private static final String JSON = "application/json; charset=utf-8";

    private HttpResponses() {}

    /** Writes body as JSON (PharosJson, the form the log replicates) and closes the exchange. */
    public static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = PharosJson.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", JSON);
        bytes(exchange, status, bytes);
    }

    /** Writes {"error": message}; the message says what is wrong and how to fix it. */
    public static void error(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, Map.of("error", message));
    }

    /** Answers with no body (e.g. 204 after a DELETE). */
    public static void empty(HttpExchange exchange, int status) throws IOException {
        // -1: no body and no Content-Length (required for 204/304 by RFC 9110 §8.6).
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Writes raw bytes with whatever Content-Type the caller set, and closes the exchange. */
    public static void bytes(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
