package io.pharos.node.files;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.function.UnaryOperator;

/**
 * Answers GET and HEAD for file content with byte-range support (RFC 9110 §14): 200 for the whole file,
 * 206 with Content-Range for one range, 416 with "Content-Range: bytes *&#47;size" when unsatisfiable.
 * Content is streamed from the file in bounded pieces, never loaded whole into memory.
 */
public final class RangeResponder {
    private RangeResponder() {}

    /** Sends a plain file's content (its size read once now); closes the channel and the exchange. */
    public static void send(HttpExchange exchange, FileChannel content, String contentType, String etag)
            throws IOException {
        StoredFile file;
        try {
            file = StoredFile.of(content);
        } catch (IOException e) {
            content.close();
            exchange.close();
            throw e;
        }
        send(exchange, file, contentType, etag);
    }

    /**
     * Sends the file's content and closes both the file and the exchange.
     *
     * @param etag a strong entity tag including its quotes, e.g. "\"&lt;sha256&gt;\"", or null
     */
    public static void send(HttpExchange exchange, StoredFile content, String contentType, String etag)
            throws IOException {
        send(exchange, content, contentType, etag, UnaryOperator.identity());
    }

    /** As {@link #send(HttpExchange, StoredFile, String, String)}, writing the body through bodyFilter (e.g. a rate limit). */
    public static void send(HttpExchange exchange, StoredFile content, String contentType, String etag,
                            UnaryOperator<OutputStream> bodyFilter) throws IOException {
        try (content) {
            long size = content.size();
            Headers headers = exchange.getResponseHeaders();
            headers.set("Accept-Ranges", "bytes");
            headers.set("Content-Type", contentType);
            if (etag != null) headers.set("ETag", etag);
            Headers request = exchange.getRequestHeaders();
            RangeRequest range = RangeRequest.of(request.getFirst("Range"), request.getFirst("If-Range"), etag, size);
            switch (range) {
                case RangeRequest.Whole w -> respond(exchange, 200, content, 0, size, bodyFilter);
                case RangeRequest.Partial p -> {
                    headers.set("Content-Range", "bytes " + p.first() + "-" + p.last() + "/" + size);
                    respond(exchange, 206, content, p.first(), p.length(), bodyFilter);
                }
                case RangeRequest.Unsatisfiable u -> {
                    headers.set("Content-Range", "bytes */" + size);
                    headers.remove("Content-Type");
                    exchange.sendResponseHeaders(416, -1);
                }
            }
        } finally {
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, StoredFile content, long position, long length,
                                UnaryOperator<OutputStream> bodyFilter) throws IOException {
        if ("HEAD".equalsIgnoreCase(exchange.getRequestMethod())) {
            // The JDK server sends no Content-Length for HEAD unless set by hand; HEAD must announce what
            // GET would send (RFC 9110 §9.3.2).
            exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        // 0 would mean "chunked" to the JDK server; -1 means an empty body with Content-Length: 0.
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length == 0) return;
        try (OutputStream body = bodyFilter.apply(exchange.getResponseBody())) {
            WritableByteChannel out = Channels.newChannel(body);
            content.transferTo(position, length, out);
        }
    }
}
