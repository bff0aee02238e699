package io.pharos.node.replication;

import io.pharos.core.model.ClusterSettings;
import io.pharos.core.state.State;
import io.pharos.node.cluster.ClusterAuth;
import io.pharos.node.http.ApiAuth;
import io.pharos.node.http.HttpResponses;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Who may fetch blobs from a node, and how a node presents itself when it fetches: members use the
 * cluster token ({@link ClusterAuth}, {@code Authorization: Bearer cluster.<token>}); an API token (admin or
 * reader) works too, as it does for every read under /api/v1/cluster.
 */
public final class ClusterBlobAccess {
    private ClusterBlobAccess() {}

    /** The check the blob endpoint runs: this cluster's token, or else any valid API token. */
    public static PeerAuthorizer authorizer(State state, ApiAuth apiAuth) {
        return exchange -> {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            if (!ClusterAuth.isClusterCredential(header)) return apiAuth.authorize(exchange);
            ClusterSettings cluster = state.cluster();
            if (ClusterAuth.check(header, cluster)) return true;
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"pharos\"");
            HttpResponses.error(exchange, 401, "the cluster token is not the one of "
                    + (cluster.initialised() ? "cluster '" + cluster.clusterId() + "'" : "this node (its cluster is not initialised)")
                    + "; the fetching node must hold the token from `pharos cluster init` in DATA/cluster/token");
            return false;
        };
    }

    /** What this node presents when it fetches: its cluster token from DATA/cluster/token, read at each fetch. */
    public static Supplier<String> credentials(Path dataDir) {
        return () -> ClusterAuth.localAuthorization(dataDir).orElse(null);
    }
}
