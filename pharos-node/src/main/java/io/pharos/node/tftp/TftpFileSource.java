package io.pharos.node.tftp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where the TFTP server finds the file a client asks for. The server maps the answer to an RFC 1350
 * error: empty is "file not found" (1), {@link java.nio.file.AccessDeniedException} is "access
 * violation" (2), any other {@link IOException} is "not defined" (0).
 */
@FunctionalInterface
public interface TftpFileSource {
    /**
     * @param requestedPath the filename of the read request exactly as the client sent it
     * @param client        who asks, for sources that render per-machine files
     */
    Optional<TftpFile> open(String requestedPath, InetSocketAddress client) throws IOException;
}
