package io.pharos.node.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * What a node keeps about its cluster outside the Raft log, in DATA/cluster: the cluster token (mode 600;
 * the log holds only its hash) and the name the Raft group id derives from, needed before the log can be read.
 */
public final class ClusterFiles {
    static final String DIRECTORY = "cluster";
    static final String TOKEN = "token";
    static final String RAFT_GROUP = "raft-group";

    private ClusterFiles() {}

    public static Path directory(Path dataDir) {
        return dataDir.resolve(DIRECTORY);
    }

    public static Optional<String> readToken(Path dataDir) {
        return read(directory(dataDir).resolve(TOKEN));
    }

    /** Replaces the token file atomically; owner-only (600) from the moment it exists. */
    public static void writeToken(Path dataDir, String token) throws IOException {
        write(directory(dataDir).resolve(TOKEN), token);
    }

    static Optional<String> readRaftGroup(Path dataDir) {
        return read(directory(dataDir).resolve(RAFT_GROUP));
    }

    static void writeRaftGroup(Path dataDir, String name) throws IOException {
        write(directory(dataDir).resolve(RAFT_GROUP), name);
    }

    private static Optional<String> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (" + e.getMessage()
                    + "): fix its owner and permissions (it must be readable by the user running Pharos)", e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path dir = file.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix && !Files.isDirectory(dir))
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        else Files.createDirectories(dir);
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (posix) Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, text + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
