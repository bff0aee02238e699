package io.pharos.node.tftp;

/** Takes ownership of the array it is given; {@link TftpFile#ofBytes} copies. */
final class InMemoryTftpFile implements TftpFile {
    private final byte[] content;

    InMemoryTftpFile(byte[] content) {
        this.content = content;
    }

    @Override
    public long size() {
        return content.length;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) {
        if (position >= content.length) return -1;
        int n = (int) Math.min(length, content.length - position);
        System.arraycopy(content, (int) position, buffer, offset, n);
        return n;
    }

    @Override
    public void close() {
    }
}
