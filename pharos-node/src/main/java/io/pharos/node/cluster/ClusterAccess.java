package io.pharos.node.cluster;

import com.sun.net.httpserver.HttpExchange;
import io.pharos.core.model.ClusterSettings;
import io.pharos.core.state.State;
import io.pharos.node.http.ApiAuth;
import io.pharos.node.http.HttpResponses;
import java.io.IOException;

/**
 * Who may call what under /api/v1/cluster. API tokens work as everywhere (admin: all; reader: GET). The
 * cluster token, which every member holds, may read and join — not init, remove or transfer, which an
 * operator does with an admin token.
 */
final class ClusterAccess {
    /** What a route lets a cluster token do. */
    enum Rule {
        /** Reads and join: an API token or the cluster token. */
        MEMBERS_TOO,
        /** Changes an operator makes: an admin API token only. */
        ADMIN_ONLY
    }

    private final ApiAuth auth;
    private final State state;

    ClusterAccess(ApiAuth auth, State state) {
        this.auth = auth;
        this.state = state;
    }

    /** True when the request may proceed; otherwise the 401/403 has been sent. */
    boolean authorize(HttpExchange exchange, Rule rule) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (!ClusterAuth.isClusterCredential(header)) return auth.authorize(exchange);
        ClusterSettings cluster = state.cluster();
        if (!ClusterAuth.check(header, cluster)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"pharos\"");
            HttpResponses.error(exchange, 401, cluster.initialised()
                    ? "the cluster token is not the one of cluster '" + cluster.clusterId() + "': copy it again from "
                    + "the output of `pharos cluster init`, or from DATA/cluster/token on a member"
                    : "this node's cluster is not initialised, so no cluster token is valid yet: run `pharos cluster "
                    + "init --vip ADDRESS/PREFIX` on it first");
            return false;
        }
        if (rule == Rule.ADMIN_ONLY) {
            HttpResponses.error(exchange, 403, "the cluster token may read the cluster API and join, not "
                    + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + "; use an admin API token (PHAROS_TOKEN)");
            return false;
        }
        return true;
    }
}
