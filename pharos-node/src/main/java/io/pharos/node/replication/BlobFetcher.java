package io.pharos.node.replication;

import io.pharos.core.model.FileEntry;
import io.pharos.node.files.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Fetches one blob from one peer into its partial file ({@link BlobStore#partial}), continuing with a
 * Range request (RFC 9110 §14.2) from what an earlier, interrupted attempt left, and stores it only once
 * the whole content hashes to the blob's name.
 */
public final class BlobFetcher {
    private static final int BUFFER = 64 * 1024;

    private final BlobStore blobs;
    private final Supplier<String> authorization;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /**
     * @param authorization the Authorization header value peers accept (e.g. "Bearer ..."), or null for none
     * @param readTimeout   how long a stalled peer may stay silent before the attempt is given up
     */
    public BlobFetcher(BlobStore blobs, Supplier<String> authorization, Duration connectTimeout, Duration readTimeout) {
        this.blobs = blobs;
        this.authorization = authorization;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * @param peerBase the peer's HTTP base, e.g. "http://10.0.0.2:8080"
     * @param received told of every octet that arrives, as it arrives (progress and accounting)
     */
    public FetchOutcome fetch(String peerBase, FileEntry.Chunk chunk, LongConsumer received) {
        Path part = blobs.partial(chunk.sha256());
        try {
            long have = Files.exists(part) ? Files.size(part) : 0;
            if (have > chunk.size()) {
                Files.delete(part);
                have = 0;
            }
            if (have == chunk.size()) {
                FetchOutcome done = adopt(part, chunk, 0);
                if (!(done instanceof FetchOutcome.Corrupt)) return done;
                have = 0; // What an earlier attempt left was bad; adopt deleted it. Start again.
            }
            return download(peerBase, chunk, part, have, received);
        } catch (IOException e) {
            return new FetchOutcome.Failed(e.toString());
        }
    }

    private FetchOutcome download(String peerBase, FileEntry.Chunk chunk, Path part, long have, LongConsumer received)
            throws IOException {
        URI uri = URI.create(peerBase + BlobEndpoint.PREFIX + "/" + chunk.sha256());
        HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
        try {
            http.setConnectTimeout((int) connectTimeout.toMillis());
            http.setReadTimeout((int) readTimeout.toMillis());
            http.setInstanceFollowRedirects(false);
            String auth = authorization.get();
            if (auth != null) http.setRequestProperty("Authorization", auth);
            if (have > 0) http.setRequestProperty("Range", "bytes=" + have + "-");
            int status = http.getResponseCode();
            long offset;
            switch (status) {
                case 200 -> offset = 0;
                case 206 -> offset = rangeStart(http.getHeaderField("Content-Range"));
                case 404 -> {
                    return new FetchOutcome.Absent();
                }
                case 416 -> {
                    Files.deleteIfExists(part);
                    return new FetchOutcome.Failed("the peer refused the range from octet " + have
                            + " (416); the partial copy was dropped, the next attempt starts over");
                }
                default -> {
                    return new FetchOutcome.Failed("HTTP " + status + " " + errorText(http));
                }
            }
            if (offset != 0 && offset != have)
                return new FetchOutcome.Failed("the peer answered a range from octet " + offset + ", not " + have);
            long written = receive(http, part, offset, chunk.size(), received);
            if (offset + written < chunk.size())
                return new FetchOutcome.Failed("the transfer ended after " + (offset + written) + " of "
                        + chunk.size() + " octets; the next attempt continues from there");
            return adopt(part, chunk, written);
        } finally {
            http.disconnect();
        }
    }

    /** Appends the body at offset (truncating anything beyond it); returns the octets written. */
    private static long receive(HttpURLConnection http, Path part, long offset, long size, LongConsumer received)
            throws IOException {
        long written = 0;
        try (InputStream in = http.getInputStream();
             FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.truncate(offset);
            out.position(offset);
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (offset + written + n > size)
                    throw new IOException("the peer sent more than the blob's " + size + " octets");
                ByteBuffer piece = ByteBuffer.wrap(buffer, 0, n);
                while (piece.hasRemaining()) out.write(piece);
                written += n;
                received.accept(n);
            }
        }
        return written;
    }

    private FetchOutcome adopt(Path part, FileEntry.Chunk chunk, long octets) throws IOException {
        try {
            blobs.adopt(part, chunk.sha256());
            return new FetchOutcome.Fetched(octets);
        } catch (BlobStore.MismatchException e) {
            Files.deleteIfExists(part);
            return new FetchOutcome.Corrupt(e.actual());
        }
    }

    /** The first octet of "bytes FIRST-LAST/SIZE" (RFC 9110 §14.4), or -1 when it cannot be read. */
    static long rangeStart(String contentRange) {
        if (contentRange == null || !contentRange.startsWith("bytes ")) return -1;
        int dash = contentRange.indexOf('-');
        if (dash < 0) return -1;
        try {
            return Long.parseLong(contentRange.substring(6, dash).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String errorText(HttpURLConnection http) {
        try (InputStream error = http.getErrorStream()) {
            if (error == null) return "";
            byte[] text = error.readNBytes(500);
            return new String(text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
