package io.pharos.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;

/**
 * Sends one HTTP request and hands back the answer with its body as a stream, so that downloads need not fit
 * in memory. The one seam between the CLI and the network: tests record the requests the CLI builds.
 */
public interface Transport extends AutoCloseable {
    Reply send(HttpRequest request) throws IOException, InterruptedException;

    @Override
    default void close() {}

    /** An HTTP answer; the caller closes the body. */
    record Reply(int status, String contentType, InputStream body) {}
}
