package io.pharos.node.replication;

import io.pharos.core.command.CommandLog;
import io.pharos.core.model.Member;
import io.pharos.core.state.State;
import io.pharos.node.files.BlobStore;
import io.pharos.node.files.FilesApi;
import io.pharos.node.http.ApiAuth;
import io.pharos.node.http.HttpHost;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** One in-process node for replication tests: its own State, blob store and HTTP host on 127.0.0.1. */
final class TestPeer implements AutoCloseable {
    final String id;
    final State state = new State();
    final BlobStore blobs;
    private HttpHost host;

    TestPeer(String id, Path dir) throws IOException {
        this.id = id;
        this.blobs = new BlobStore(dir.resolve(id), Clock.systemUTC());
    }

    /** Starts (or restarts, on a new port) its HTTP: the files API and the blob endpoint. */
    void serve(CommandLog log, Throttle throttle) throws IOException {
        host = HttpHost.start(new InetSocketAddress("127.0.0.1", 0));
        host.mount(FilesApi.PREFIX, new FilesApi(state, log, blobs, new ApiAuth(state), Clock.systemUTC()));
        host.mount(BlobEndpoint.PREFIX, new BlobEndpoint(blobs, ClusterBlobAccess.authorizer(state, new ApiAuth(state)),
                throttle));
    }

    /** Stops at once, cutting transfers in progress, as a killed process would. */
    void kill() {
        host.stop(Duration.ZERO);
        host = null;
    }

    String base() {
        return "http://127.0.0.1:" + host.address().getPort();
    }

    Member member() {
        return new Member(id, "127.0.0.1:1", "127.0.0.1:" + host.address().getPort(), false, "test");
    }

    @Override
    public void close() {
        if (host != null) kill();
    }
}
