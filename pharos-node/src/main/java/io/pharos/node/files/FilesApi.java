package io.pharos.node.files;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
import io.pharos.core.command.Result;
import io.pharos.core.model.FileEntry;
import io.pharos.core.state.State;
import io.pharos.node.http.ApiAuth;
import io.pharos.node.http.HttpResponses;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/files}: list (GET), upload (PUT, raw body), download (GET/HEAD with ranges) and delete.
 * An upload streams into the blob store first, cut into content-defined chunks ({@link ContentChunker}),
 * and answers 201 only once its PutFile has committed; a deleted file's chunks stay until garbage
 * collection finds nothing refers to them.
 */
public final class FilesApi implements HttpHandler {
    public static final String PREFIX = "/api/v1/files";
    private static final Logger LOG = LoggerFactory.getLogger(FilesApi.class);

    private final State state;
    private final CommandLog log;
    private final BlobStore blobs;
    private final ChunkingWriter writer;
    private final ApiAuth auth;
    private final Clock clock;
    private final Duration commitTimeout;

    public FilesApi(State state, CommandLog log, BlobStore blobs, ApiAuth auth, Clock clock) {
        this(state, log, blobs, auth, clock, Commit.DEFAULT_TIMEOUT);
    }

    public FilesApi(State state, CommandLog log, BlobStore blobs, ApiAuth auth, Clock clock, Duration commitTimeout) {
        this.state = state;
        this.log = log;
        this.blobs = blobs;
        this.writer = new ChunkingWriter(blobs, new ContentChunker(ContentChunker.DEFAULT));
        this.auth = auth;
        this.clock = clock;
        this.commitTimeout = commitTimeout;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!auth.authorize(exchange)) return;
        String method = exchange.getRequestMethod();
        String full = exchange.getRequestURI().getPath();
        if (!full.equals(PREFIX) && !full.startsWith(PREFIX + "/")) {
            HttpResponses.error(exchange, 404, "nothing is served at " + full + "; files are under " + PREFIX + "/");
            return;
        }
        Optional<String> path = full.length() > PREFIX.length() + 1
                ? Optional.of(full.substring(PREFIX.length() + 1)) : Optional.empty();
        if (path.isEmpty()) {
            if (method.equals("GET") || method.equals("HEAD")) {
                HttpResponses.json(exchange, 200, List.copyOf(state.files()));
            } else {
                notAllowed(exchange, "GET", "use PUT " + PREFIX + "/{path} to upload a file");
            }
            return;
        }
        Optional<String> problem = FilePaths.problem(path.get());
        if (problem.isPresent()) {
            HttpResponses.error(exchange, 400, problem.get());
            return;
        }
        switch (method) {
            case "GET", "HEAD" -> download(exchange, path.get());
            case "PUT" -> upload(exchange, path.get());
            case "DELETE" -> delete(exchange, path.get());
            default -> notAllowed(exchange, "GET, HEAD, PUT, DELETE", "");
        }
    }

    private void download(HttpExchange exchange, String path) throws IOException {
        Optional<FileEntry> entry = state.file(path);
        if (entry.isEmpty()) {
            HttpResponses.error(exchange, 404, "no file '" + path + "' in the store; upload it with PUT " + PREFIX + "/" + path);
            return;
        }
        StoredFile content;
        try {
            content = StoredFile.open(blobs, entry.get());
        } catch (NoSuchFileException e) {
            LOG.warn("FILE_BLOB_MISSING path={} sha256={}: {}; wait for replication (see REPLICATION_* messages)"
                    + " or upload the file again", path, entry.get().sha256(), e.getReason());
            HttpResponses.error(exchange, 503, "the content of '" + path + "' is not on this node yet; retry shortly,"
                    + " or upload the file again");
            return;
        }
        RangeResponder.send(exchange, content, "application/octet-stream", etag(entry.get()));
    }

    private void upload(HttpExchange exchange, String path) throws IOException {
        ChunkingWriter.Stored stored;
        try {
            stored = writer.write(exchange.getRequestBody());
        } catch (IOException e) {
            LOG.warn("FILE_UPLOAD_FAILED path={}: {}; check free space and permissions of the data directory",
                    path, e.toString());
            HttpResponses.error(exchange, 500, "could not store the upload (" + e.getMessage()
                    + "); check free space on the server and retry");
            return;
        }
        FileEntry entry = stored.entry(path, clock.millis());
        if (!committed(exchange, new Command.PutFile(entry))) return;
        LOG.info("FILE_STORED path={} sha256={} size={} chunks={}", path, entry.sha256(), entry.size(),
                entry.chunks().size());
        exchange.getResponseHeaders().set("Location", PREFIX + "/" + path);
        exchange.getResponseHeaders().set("ETag", etag(entry));
        HttpResponses.json(exchange, 201, entry);
    }

    private void delete(HttpExchange exchange, String path) throws IOException {
        if (!committed(exchange, new Command.DeleteFile(path))) return;
        LOG.info("FILE_DELETED path={}", path);
        HttpResponses.empty(exchange, 204);
    }

    /** Proposes command and waits; false when it was not committed in time or refused (already answered). */
    private boolean committed(HttpExchange exchange, Command command) throws IOException {
        Result result;
        try {
            result = Commit.await(log, command, commitTimeout);
        } catch (Commit.NotCommittedException e) {
            HttpResponses.error(exchange, 503, e.getMessage());
            return false;
        }
        if (result instanceof Result.Refused refused) {
            HttpResponses.error(exchange, Commit.status(refused.kind()), refused.reason());
            return false;
        }
        return true;
    }

    private static void notAllowed(HttpExchange exchange, String allow, String hint) throws IOException {
        exchange.getResponseHeaders().set("Allow", allow);
        HttpResponses.error(exchange, 405, exchange.getRequestMethod() + " is not supported here; use " + allow
                + (hint.isEmpty() ? "" : "; " + hint));
    }

    /** The strong entity tag of a stored file: its content hash, which changes exactly when the bytes do. */
    public static String etag(FileEntry entry) {
        return "\"" + entry.sha256() + "\"";
    }
}
