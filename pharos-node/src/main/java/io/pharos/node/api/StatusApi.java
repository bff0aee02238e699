package io.pharos.node.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** GET /status (this node: id, version, Raft role, applied index) and GET /stats (service counters). */
final class StatusApi {
    /** What GET /status answers. */
    record Status(String nodeId, String version, String role, long appliedIndex) {}

    private final NodeStatus node;
    private final Map<String, Supplier<Object>> stats;

    StatusApi(NodeStatus node, Map<String, Supplier<Object>> stats) {
        this.node = node;
        this.stats = Map.copyOf(stats);
    }

    void register(Router router) {
        router.add("GET", "/status", r -> Reply.ok(new Status(node.nodeId(), node.version(), node.role().get(),
                node.appliedIndex().getAsLong())));
        router.add("GET", "/stats", r -> {
            Map<String, Object> out = new TreeMap<>();
            stats.forEach((name, supplier) -> out.put(name, supplier.get()));
            return Reply.ok(out);
        });
    }
}
