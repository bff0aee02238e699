package io.pharos.node.boot;

import io.pharos.node.tftp.TftpFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A store blob served over TFTP; the size is fixed at open, as tsize (RFC 2349) announces it. */
final class ChannelTftpFile implements TftpFile {
    private final FileChannel channel;
    private final long size;

    ChannelTftpFile(FileChannel channel) throws IOException {
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
