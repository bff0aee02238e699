package io.pharos.node.files;

import io.pharos.core.model.FileEntry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * A file's content read by position across its chunks, as if it were one file: what HTTP ranges and TFTP
 * windows need. Chunks are opened one at a time as reads reach them (a 4 GiB image has thousands), so an
 * open file holds one descriptor. Reads are serialised; one StoredFile serves one transfer.
 */
public final class StoredFile implements Closeable {
    private final long[] starts;
    private final Opener opener;
    private final boolean ownsEachChannel;
    private int current = -1;
    private FileChannel channel;

    @FunctionalInterface
    private interface Opener {
        FileChannel open(int segment) throws IOException;
    }

    private StoredFile(long[] starts, Opener opener, boolean ownsEachChannel) {
        this.starts = starts;
        this.opener = opener;
        this.ownsEachChannel = ownsEachChannel;
    }

    /**
     * Opens a stored file. Throws {@link NoSuchFileException} naming the first chunk this node lacks, so a
     * file that is not wholly here is refused before a single octet is sent.
     */
    public static StoredFile open(BlobStore blobs, FileEntry entry) throws NoSuchFileException {
        List<FileEntry.Chunk> chunks = entry.chunks();
        long[] starts = new long[chunks.size() + 1];
        for (int i = 0; i < chunks.size(); i++) {
            FileEntry.Chunk chunk = chunks.get(i);
            if (!blobs.has(chunk.sha256()))
                throw new NoSuchFileException(blobs.path(chunk.sha256()).toString(), null,
                        "chunk " + i + " of '" + entry.path() + "' is not on this node");
            starts[i + 1] = starts[i] + chunk.size();
        }
        return new StoredFile(starts, segment -> {
            FileEntry.Chunk chunk = chunks.get(segment);
            FileChannel opened = blobs.open(chunk.sha256());
            long actual = opened.size();
            if (actual != chunk.size()) {
                opened.close();
                throw new IOException("blob " + chunk.sha256() + " holds " + actual + " octets, not the "
                        + chunk.size() + " its file entry names; it is damaged: delete it and let replication fetch it again");
            }
            return opened;
        }, true);
    }

    /** A plain file (e.g. in the boot root) as a one-piece StoredFile; closing this closes the channel. */
    public static StoredFile of(FileChannel channel) throws IOException {
        StoredFile file = new StoredFile(new long[] {0, channel.size()}, segment -> channel, false);
        file.current = 0;
        file.channel = channel;
        return file;
    }

    public long size() {
        return starts[starts.length - 1];
    }

    /** Reads up to length octets at position into buffer; returns how many, or -1 at or past the end. */
    public synchronized int read(long position, byte[] buffer, int offset, int length) throws IOException {
        if (position >= size()) return -1;
        int done = 0;
        while (done < length && position + done < size()) {
            FileChannel in = channelAt(position + done);
            long within = position + done - starts[current];
            int n = in.read(ByteBuffer.wrap(buffer, offset + done, length - done), within);
            if (n <= 0) throw shrunk(position + done);
            done += n;
        }
        return done;
    }

    /** Copies count octets from position to out (zero-copy where the platform allows). */
    public synchronized void transferTo(long position, long count, WritableByteChannel out) throws IOException {
        if (position < 0 || count < 0 || position + count > size())
            throw new IllegalArgumentException("octets " + position + "+" + count + " are outside the file's " + size());
        long sent = 0;
        while (sent < count) {
            FileChannel in = channelAt(position + sent);
            long within = position + sent - starts[current];
            long inSegment = Math.min(count - sent, starts[current + 1] - (position + sent));
            long n = in.transferTo(within, inSegment, out);
            if (n <= 0) throw shrunk(position + sent);
            sent += n;
        }
    }

    private FileChannel channelAt(long position) throws IOException {
        if (current >= 0 && position >= starts[current] && position < starts[current + 1]) return channel;
        int segment = segmentOf(position);
        FileChannel next = opener.open(segment);
        if (ownsEachChannel && channel != null) channel.close();
        channel = next;
        current = segment;
        return channel;
    }

    /** The segment holding position: the last i with starts[i] <= position, skipping empty segments. */
    private int segmentOf(long position) {
        int low = 0;
        int high = starts.length - 2;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (starts[mid] <= position) low = mid;
            else high = mid - 1;
        }
        return low;
    }

    private IOException shrunk(long position) {
        return new IOException("stored content ended early at octet " + position + " of " + size()
                + "; a blob is damaged: check the data directory's disk");
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) channel.close();
        channel = null;
        current = -1;
    }
}
