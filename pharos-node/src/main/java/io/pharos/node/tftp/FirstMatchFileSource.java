package io.pharos.node.tftp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Asks several sources in order and serves the first file found. A refusal (an exception) from any of
 * them ends the search: a later source must not serve what an earlier one refused.
 */
public final class FirstMatchFileSource implements TftpFileSource {
    private final List<TftpFileSource> sources;

    public FirstMatchFileSource(List<TftpFileSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public static FirstMatchFileSource of(TftpFileSource... sources) {
        return new FirstMatchFileSource(List.of(sources));
    }

    @Override
    public Optional<TftpFile> open(String requestedPath, InetSocketAddress client) throws IOException {
        for (TftpFileSource source : sources) {
            Optional<TftpFile> file = source.open(requestedPath, client);
            if (file.isPresent()) return file;
        }
        return Optional.empty();
    }
}
