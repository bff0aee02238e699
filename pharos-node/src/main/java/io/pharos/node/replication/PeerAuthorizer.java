package io.pharos.node.replication;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Decides whether a request to the node-to-node blob endpoint may proceed; when not, it has already
 * answered (401/403). {@link ClusterBlobAccess#authorizer} is the one to use: the cluster token or an API
 * token.
 */
@FunctionalInterface
public interface PeerAuthorizer {
    boolean authorize(HttpExchange exchange) throws IOException;
}
