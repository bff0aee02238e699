package io.pharos.node.replication;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pharos.node.files.BlobStore;
import io.pharos.node.files.RangeResponder;
import io.pharos.node.files.StoredFile;
import io.pharos.node.http.HttpResponses;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * {@code GET|HEAD /api/v1/cluster/blobs/{sha256}}: a blob's bytes for a peer that lacks them, with byte
 * ranges (RFC 9110 §14) so an interrupted fetch continues where it stopped. Every node serves what it
 * holds, so a follower can catch up from any member, not only the active one. The receiver verifies the
 * hash; this side only streams.
 */
public final class BlobEndpoint implements HttpHandler {
    public static final String PREFIX = "/api/v1/cluster/blobs";
    /** The methods answered on {@value #PREFIX}/{sha256}; anything else is 405. */
    public static final List<String> METHODS = List.of("GET", "HEAD");

    private final BlobStore blobs;
    private final PeerAuthorizer auth;
    private final Throttle throttle;

    public BlobEndpoint(BlobStore blobs, PeerAuthorizer auth, Throttle throttle) {
        this.blobs = blobs;
        this.auth = auth;
        this.throttle = throttle;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!auth.authorize(exchange)) return;
        String method = exchange.getRequestMethod();
        if (!METHODS.contains(method)) {
            exchange.getResponseHeaders().set("Allow", String.join(", ", METHODS));
            HttpResponses.error(exchange, 405, method + " is not supported here; blobs are read with GET " + PREFIX + "/{sha256}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String name = path.startsWith(PREFIX + "/") ? path.substring(PREFIX.length() + 1) : "";
        if (!BlobStore.isName(name)) {
            HttpResponses.error(exchange, 400, "'" + name + "' is not a blob name; ask for " + PREFIX
                    + "/{sha256} with 64 lower-case hex digits");
            return;
        }
        FileChannel channel;
        try {
            channel = blobs.open(name);
        } catch (NoSuchFileException e) {
            HttpResponses.error(exchange, 404, "blob " + name + " is not on this node; ask another member");
            return;
        }
        StoredFile content;
        try {
            content = StoredFile.of(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        // The name is the hash of the content, so it is a strong entity tag for ever (RFC 9110 §8.8.3).
        RangeResponder.send(exchange, content, "application/octet-stream", "\"" + name + "\"", throttle::wrap);
    }
}
