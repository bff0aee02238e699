package io.pharos.node.cluster;

import com.sun.net.httpserver.HttpExchange;
import io.pharos.core.model.Member;
import io.pharos.node.http.HttpResponses;
import io.pharos.node.raft.RaftNode;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Passes a request that only the leader can answer on to the leader's HTTP address, with the caller's own
 * credentials (so no node gains rights by forwarding), and hands the answer back unchanged. A request is
 * forwarded at most once: if it reaches a non-leader again, leadership moved and the caller should retry.
 */
final class LeaderForwarder {
    private final RaftNode raft;
    private final PeerClient client;

    LeaderForwarder(RaftNode raft, PeerClient client) {
        this.raft = raft;
        this.client = client;
    }

    void forward(HttpExchange exchange, byte[] body, Duration timeout) throws IOException {
        String forwardedBy = exchange.getRequestHeaders().getFirst(PeerClient.FORWARDED_BY);
        if (forwardedBy != null) {
            HttpResponses.error(exchange, 503, forwardedBy + " forwarded this request to " + raft.nodeId()
                    + " as the leader, but leadership has moved; retry");
            return;
        }
        Optional<String> leader = raft.leaderId();
        if (leader.isEmpty() || leader.get().equals(raft.nodeId())) {
            HttpResponses.error(exchange, 503, leader.isEmpty()
                    ? "no leader is known right now (an election is under way, or no majority of voters is up); "
                    + "retry in a few seconds"
                    : "this node was just elected and is not ready to answer yet; retry in a moment");
            return;
        }
        Optional<String> http = raft.state().member(leader.get()).map(Member::httpAddress);
        if (http.isEmpty()) {
            HttpResponses.error(exchange, 503, "this node is not the leader and does not know the HTTP address of the "
                    + "leader '" + leader.get() + "' (it has no member record): send the request to the leader directly");
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        copy(exchange, "Authorization", headers);
        copy(exchange, "Content-Type", headers);
        headers.put(PeerClient.FORWARDED_BY, raft.nodeId());
        String query = exchange.getRequestURI().getRawQuery();
        String path = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
        try {
            PeerClient.Raw answer = client.send(http.get(), exchange.getRequestMethod(), path, headers,
                    exchange.getRequestMethod().equals("GET") ? null : body, timeout);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            HttpResponses.bytes(exchange, answer.status(), answer.body());
        } catch (PeerClient.PeerException e) {
            HttpResponses.error(exchange, 502, "this node is not the leader and the leader '" + leader.get() + "' at "
                    + http.get() + " did not answer: " + e.getMessage() + "; retry, or ask the leader directly");
        }
    }

    private static void copy(HttpExchange exchange, String name, Map<String, String> headers) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) headers.put(name, value);
    }
}
