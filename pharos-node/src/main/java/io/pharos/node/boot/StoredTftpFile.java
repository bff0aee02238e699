package io.pharos.node.boot;

import io.pharos.node.files.StoredFile;
import io.pharos.node.tftp.TftpFile;
import java.io.IOException;

/** A store file served over TFTP; its size is fixed at open, as tsize (RFC 2349) announces it. */
final class StoredTftpFile implements TftpFile {
    private final StoredFile content;

    StoredTftpFile(StoredFile content) {
        this.content = content;
    }

    @Override
    public long size() {
        return content.size();
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        return content.read(position, buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
