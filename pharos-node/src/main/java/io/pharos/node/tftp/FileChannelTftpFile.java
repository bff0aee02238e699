package io.pharos.node.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A file on disk. The size is taken once at open, as tsize (RFC 2349) promises it to the client. */
final class FileChannelTftpFile implements TftpFile {
    private final FileChannel channel;
    private final long size;

    FileChannelTftpFile(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        return channel.read(ByteBuffer.wrap(buffer, offset, length), position);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
