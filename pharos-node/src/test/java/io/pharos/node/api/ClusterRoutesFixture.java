package io.pharos.node.api;

import io.pharos.core.model.Member;
import io.pharos.node.cluster.ClusterApi;
import io.pharos.node.cluster.ClusterContext;
import io.pharos.node.cluster.MissingBlobCount;
import io.pharos.node.files.BlobStore;
import io.pharos.node.raft.RaftNode;
import io.pharos.node.raft.RaftSettings;
import io.pharos.node.replication.BlobEndpoint;
import io.pharos.node.replication.ClusterBlobAccess;
import io.pharos.node.replication.Throttle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster routes as PharosServer mounts them, on the fixture's host: the cluster API over a real
 * one-node Raft group, and the blob endpoint over a real blob store.
 */
final class ClusterRoutesFixture implements AutoCloseable {
    private final RaftNode raft;
    private final ClusterApi cluster;

    ClusterRoutesFixture(ApiFixture api, Path dir) throws IOException {
        raft = RaftNode.start(RaftSettings.singleNode("node1", dir.resolve("raft"), "127.0.0.1:" + freePort()));
        String http = "127.0.0.1:" + api.host.address().getPort();
        cluster = ClusterApi.mount(api.host, new ClusterContext(raft, api.api.auth(),
                new Member("node1", "127.0.0.1:1", http, false, "0.1.0-test"), dir, MissingBlobCount.NOT_REPORTED,
                () -> false, new SecureRandom()));
        api.host.mount(BlobEndpoint.PREFIX, new BlobEndpoint(new BlobStore(dir.resolve("blobs"), Clock.systemUTC()),
                ClusterBlobAccess.authorizer(raft.state(), api.api.auth()), Throttle.NONE));
    }

    /** "METHOD /path" for every cluster route, from the handlers' own tables. */
    List<String> routes() {
        List<String> routes = new ArrayList<>(cluster.routes());
        for (String method : BlobEndpoint.METHODS) routes.add(method + " " + BlobEndpoint.PREFIX + "/{sha256}");
        return routes;
    }

    @Override
    public void close() {
        cluster.close();
        raft.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
