package io.pharos.node.tftp;

import io.pharos.protocols.tftp.TransferContent;
import java.io.Closeable;

/** An opened file being served: fixed size, positional reads, closed when the transfer ends. */
public interface TftpFile extends TransferContent, Closeable {

    /** A file held in memory, e.g. a per-machine boot script rendered for this request. */
    static TftpFile ofBytes(byte[] content) {
        return new InMemoryTftpFile(content.clone());
    }
}
