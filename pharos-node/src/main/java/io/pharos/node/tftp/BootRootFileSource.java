package io.pharos.node.tftp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Serves regular files under one directory, read-only. Clients name files in many ways ("/pxelinux.0",
 * "boot\\grub\\grub.cfg" from Windows-built firmware), so backslashes become slashes and leading slashes
 * are dropped; any ".." segment is refused outright, and a symbolic link is followed only when its target
 * stays under the root.
 */
public final class BootRootFileSource implements TftpFileSource {
    private final Path realRoot;

    public BootRootFileSource(Path root) throws IOException {
        if (!Files.isDirectory(root))
            throw new NoSuchFileException(root.toString(), null,
                    "the TFTP boot root is not a directory: create it or point the boot root setting at one");
        this.realRoot = root.toRealPath();
    }

    public Path root() {
        return realRoot;
    }

    @Override
    public Optional<TftpFile> open(String requestedPath, InetSocketAddress client) throws IOException {
        Optional<Path> candidate = confine(requestedPath);
        if (candidate.isEmpty()) return Optional.empty();
        Path real;
        try {
            real = candidate.get().toRealPath();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!real.startsWith(realRoot))
            throw new AccessDeniedException(requestedPath, null, "resolves outside the boot root");
        if (!Files.isRegularFile(real)) return Optional.empty();
        FileChannel channel = FileChannel.open(real, StandardOpenOption.READ);
        try {
            return Optional.of(new FileChannelTftpFile(channel));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The path under the root that the request names, before links are resolved; empty if it names none. */
    Optional<Path> confine(String requestedPath) throws AccessDeniedException {
        String relative = requestedPath.replace('\\', '/');
        int start = 0;
        while (start < relative.length() && relative.charAt(start) == '/') start++;
        relative = relative.substring(start);
        if (relative.isEmpty()) return Optional.empty();
        for (String segment : relative.split("/")) {
            if (segment.equals("..")) throw new AccessDeniedException(requestedPath, null, "path contains '..'");
        }
        Path resolved;
        try {
            resolved = realRoot.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!resolved.startsWith(realRoot))
            throw new AccessDeniedException(requestedPath, null, "path leaves the boot root");
        return Optional.of(resolved);
    }
}
