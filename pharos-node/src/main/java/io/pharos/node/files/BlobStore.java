package io.pharos.node.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * File contents by sha256, under {@code DATA/blobs/sha256/ab/abcdef...}: the hash is the name, so a blob is
 * written once, never changed, and two nodes holding the same name hold the same bytes (invariant 5).
 *
 * <p>A blob appears only whole: it is written to {@code DATA/blobs/tmp}, fsync'd, then renamed into place
 * atomically and its directory fsync'd, so a crash or a broken upload leaves at most a temporary file that
 * {@link #sweepTemporaries} removes later.
 */
public final class BlobStore {
    private static final int BUFFER = 64 * 1024;
    private static final HexFormat HEX = HexFormat.of();

    private final Path root;
    private final Path tmp;
    private final Clock clock;
    private final Object publishLock = new Object();
    private final AtomicLong deletions = new AtomicLong();

    /** A stored blob: the lower-case hex sha256 of its content and its size in octets. */
    public record Blob(String sha256, long size) {}

    /** Content that does not hash to the name it was meant to have; nothing was stored. */
    public static final class MismatchException extends IOException {
        private final String expected;
        private final String actual;

        MismatchException(String expected, String actual) {
            super("content hashes to " + actual + ", not to the expected " + expected);
            this.expected = expected;
            this.actual = actual;
        }

        public String expected() {
            return expected;
        }

        public String actual() {
            return actual;
        }
    }

    public BlobStore(Path dataDir, Clock clock) throws IOException {
        this.root = dataDir.resolve("blobs").resolve("sha256");
        this.tmp = dataDir.resolve("blobs").resolve("tmp");
        this.clock = clock;
        Files.createDirectories(root);
        Files.createDirectories(tmp);
    }

    /** Streams content into the store; on any failure nothing is left under the blob's name. */
    public Blob put(InputStream content) throws IOException {
        Path temp = Files.createTempFile(tmp, "upload-", ".part");
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = content.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) out.write(chunk);
                    size += n;
                }
                out.force(true);
            }
            String sha = HEX.formatHex(digest.digest());
            publish(temp, path(sha));
            return new Blob(sha, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Where a fetch of the named blob from another node keeps what it has received so far, so that an
     * interrupted fetch continues where it stopped. Swept like any temporary when left alone too long.
     */
    public Path partial(String sha256) {
        requireName(sha256);
        return tmp.resolve("fetch-" + sha256 + ".part");
    }

    /**
     * Makes a completely received file (e.g. {@link #partial}) the blob named sha256, but only if its content
     * hashes to that name; the file is moved, not copied. On a mismatch the file is left where it is and
     * {@link MismatchException} is thrown: nothing is stored under a name its content does not earn.
     */
    public Blob adopt(Path file, String sha256) throws IOException {
        requireName(sha256);
        if (!file.toAbsolutePath().getParent().equals(tmp.toAbsolutePath()))
            throw new IllegalArgumentException(file + " is not in " + tmp + "; only files there can be renamed into place");
        MessageDigest digest = sha256();
        long size = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            for (int n; (n = in.read(buffer)) >= 0; ) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
                size += n;
            }
            in.force(true);
        }
        String actual = HEX.formatHex(digest.digest());
        if (!actual.equals(sha256)) throw new MismatchException(sha256, actual);
        try {
            publish(file, path(sha256));
        } finally {
            Files.deleteIfExists(file);
        }
        return new Blob(sha256, size);
    }

    /** How many blobs this store has deleted since it was opened: a cache of what is present is stale when this moves. */
    public long deletions() {
        return deletions.get();
    }

    private void publish(Path temp, Path target) throws IOException {
        synchronized (publishLock) {
            if (Files.exists(target)) {
                // Same content is already stored; refresh its age so garbage collection gives the upload
                // that now refers to it the full grace period to commit.
                Files.setLastModifiedTime(target, FileTime.from(clock.instant()));
                return;
            }
            Files.createDirectories(target.getParent());
            moveIntoPlace(temp, target);
        }
        fsyncDirectory(target.getParent());
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename atomically within " + temp.getParent().getParent()
                    + "; keep the whole data directory on one local filesystem", e);
        }
    }

    /** Opens a blob for reading; throws NoSuchFileException when it is not here. */
    public FileChannel open(String sha256) throws IOException {
        return FileChannel.open(path(sha256), StandardOpenOption.READ);
    }

    /** Where the blob lives (whether or not it is present). */
    public Path path(String sha256) {
        requireName(sha256);
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public boolean has(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    /** Removes the blob; false when it was not there. */
    public boolean delete(String sha256) throws IOException {
        // Counted before and after: a cache filled while the file was going away is seen as stale too.
        deletions.incrementAndGet();
        try {
            return Files.deleteIfExists(path(sha256));
        } finally {
            deletions.incrementAndGet();
        }
    }

    /** The names among wanted that this store lacks, in the order given, without repeats. */
    public List<String> missing(Collection<String> wanted) {
        List<String> out = new ArrayList<>();
        for (String sha : new LinkedHashSet<>(wanted)) if (!has(sha)) out.add(sha);
        return out;
    }

    /** Recomputes the hash of a stored blob: true when the content still matches its name. */
    public boolean verify(String sha256) throws IOException {
        MessageDigest digest = sha256();
        try (FileChannel in = open(sha256)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            while (in.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        return HEX.formatHex(digest.digest()).equals(sha256);
    }

    /**
     * Deletes the blob if it was last written before cutoff; returns the octets freed, or -1 when it was
     * absent or too young. Atomic with respect to {@link #put} re-uploading the same content.
     */
    public long deleteIfOlder(String sha256, Instant cutoff) throws IOException {
        Path file = path(sha256);
        synchronized (publishLock) {
            try {
                if (!Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) return -1;
                long size = Files.size(file);
                deletions.incrementAndGet();
                try {
                    return Files.deleteIfExists(file) ? size : -1;
                } finally {
                    deletions.incrementAndGet();
                }
            } catch (NoSuchFileException e) {
                return -1;
            }
        }
    }

    /** Every blob name present, in no particular order. */
    public List<String> list() throws IOException {
        try (Stream<Path> files = Files.walk(root, 2)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(BlobStore::isName).toList();
        }
    }

    /** Removes temporary files older than cutoff, left by uploads that died with the process. */
    public int sweepTemporaries(Instant cutoff) throws IOException {
        int removed = 0;
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path file : files.toList())
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file))
                    removed++;
        }
        return removed;
    }

    public static boolean isName(String text) {
        if (text == null || text.length() != 64) return false;
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }

    private static void requireName(String sha256) {
        if (!isName(sha256))
            throw new IllegalArgumentException("not a blob name: '" + sha256 + "' (expected 64 lower-case hex digits)");
    }

    private static void fsyncDirectory(Path directory) throws IOException {
        // The rename is durable only once the directory entry is (POSIX fsync on the directory).
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
