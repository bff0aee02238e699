package io.pharos.node.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pharos.node.http.ApiAuth;
import io.pharos.node.http.HttpResponses;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything under /api/v1: finds the route (404 naming the valid prefixes, 405 with Allow), checks the
 * token (except for the public OpenAPI document), runs the route and writes its reply or error.
 */
final class ApiHandler implements HttpHandler {
    static final Set<String> PUBLIC = Set.of("/openapi.json");

    private final String prefix;
    private final Router router;
    private final ApiAuth auth;
    private final Supplier<List<String>> otherPrefixes;

    ApiHandler(String prefix, Router router, ApiAuth auth, Supplier<List<String>> otherPrefixes) {
        this.prefix = prefix;
        this.router = router;
        this.auth = auth;
        this.otherPrefixes = otherPrefixes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawPath();
        String relative = raw.startsWith(prefix) ? raw.substring(prefix.length()) : null;
        if (relative == null || (!relative.isEmpty() && !relative.startsWith("/"))) {
            notFound(exchange, raw);
            return;
        }
        try {
            switch (router.match(exchange.getRequestMethod(), relative)) {
                case Router.Match.NoRoute none -> notFound(exchange, raw);
                case Router.Match.WrongMethod wrong -> {
                    exchange.getResponseHeaders().set("Allow", String.join(", ", wrong.allowed()));
                    HttpResponses.error(exchange, 405, exchange.getRequestMethod() + " is not allowed on " + raw
                            + "; use " + String.join(" or ", wrong.allowed()));
                }
                case Router.Match.Found found -> {
                    if (!PUBLIC.contains(relative) && !auth.authorize(exchange)) return;
                    write(exchange, found.handler().handle(new ApiRequest(exchange, found.params())));
                }
            }
        } catch (ApiException e) {
            HttpResponses.error(exchange, e.status(), e.getMessage());
        }
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (reply.body() == null) HttpResponses.empty(exchange, reply.status());
        else HttpResponses.json(exchange, reply.status(), reply.body());
    }

    private void notFound(HttpExchange exchange, String raw) throws IOException {
        List<String> prefixes = new ArrayList<>();
        for (String p : router.prefixes()) prefixes.add(prefix + p);
        prefixes.addAll(otherPrefixes.get());
        HttpResponses.error(exchange, 404, "no API route at " + raw + "; API paths start with "
                + String.join(", ", prefixes) + " (the full list is at GET " + prefix + "/openapi.json)");
    }
}
