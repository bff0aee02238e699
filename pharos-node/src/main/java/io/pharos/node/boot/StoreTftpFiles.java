package io.pharos.node.boot;

import io.pharos.core.model.FileEntry;
import io.pharos.core.state.State;
import io.pharos.node.files.BlobStore;
import io.pharos.node.files.FilePaths;
import io.pharos.node.files.StoredFile;
import io.pharos.node.tftp.TftpFile;
import io.pharos.node.tftp.TftpFileSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * Files of the store (uploaded through the API) served over TFTP by their store path. A path the store
 * could not hold is simply not found here, so the next source (the boot root) decides about it.
 */
public final class StoreTftpFiles implements TftpFileSource {
    private final State state;
    private final BlobStore blobs;
    private final BootCounters counters;

    public StoreTftpFiles(State state, BlobStore blobs, BootCounters counters) {
        this.state = state;
        this.blobs = blobs;
        this.counters = counters;
    }

    @Override
    public Optional<TftpFile> open(String requestedPath, InetSocketAddress client) throws IOException {
        String path = TftpPaths.normalize(requestedPath);
        if (!FilePaths.isValid(path)) return Optional.empty();
        Optional<FileEntry> entry = state.file(path);
        if (entry.isEmpty()) return Optional.empty();
        StoredFile content;
        try {
            content = StoredFile.open(blobs, entry.get());
        } catch (NoSuchFileException e) {
            throw new IOException("the content of '" + path + "' is not on this node yet (" + e.getReason() + ")");
        }
        counters.requests.increment();
        counters.filesServed.increment();
        return Optional.of(new StoredTftpFile(content));
    }
}
