package io.pharos.node.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Method + path pattern ("/subnets/{name}") to handler. Path parameters match one segment, decoded.
 * HEAD is answered by the GET route (the body is left out when written).
 */
final class Router {
    interface Handler {
        Reply handle(ApiRequest request) throws IOException;
    }

    /** A route as documented: method and pattern relative to /api/v1. */
    record Route(String method, String pattern) {}

    private record Entry(Route route, List<String> segments, Handler handler) {}

    /** What a path resolved to: a handler with its parameters, or the methods the path does allow. */
    sealed interface Match {
        record Found(Handler handler, Map<String, String> params) implements Match {}

        record WrongMethod(Set<String> allowed) implements Match {}

        record NoRoute() implements Match {}
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(String method, String pattern, Handler handler) {
        entries.add(new Entry(new Route(method, pattern), segments(pattern), handler));
    }

    List<Route> routes() {
        return entries.stream().map(Entry::route).toList();
    }

    /** The first path segments of all routes, e.g. "/subnets", for the 404 message. */
    List<String> prefixes() {
        Set<String> out = new LinkedHashSet<>();
        for (Entry entry : entries) out.add("/" + entry.segments.getFirst());
        return List.copyOf(out);
    }

    Match match(String method, String rawPath) {
        List<String> path = segments(rawPath);
        String wanted = method.equals("HEAD") ? "GET" : method;
        Set<String> allowed = new LinkedHashSet<>();
        for (Entry entry : entries) {
            Optional<Map<String, String>> params = bind(entry.segments, path);
            if (params.isEmpty()) continue;
            if (entry.route.method().equals(wanted)) return new Match.Found(entry.handler, params.get());
            allowed.add(entry.route.method());
            if (entry.route.method().equals("GET")) allowed.add("HEAD");
        }
        return allowed.isEmpty() ? new Match.NoRoute() : new Match.WrongMethod(allowed);
    }

    private static Optional<Map<String, String>> bind(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) return Optional.empty();
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith("{") && p.endsWith("}")) {
                if (path.get(i).isEmpty()) return Optional.empty();
                params.put(p.substring(1, p.length() - 1), ApiRequest.decode(path.get(i), false));
            } else if (!p.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** "/a/b/" → [a, b]: a trailing slash is ignored, so /subnets/ is /subnets. */
    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }
}
