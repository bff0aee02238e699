package io.pharos.node.boot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The boot root directory (static boot loaders such as undionly.kpxe and ipxe.efi), read-only and confined:
 * a path is resolved to its real path (every symbolic link followed) and served only if that stays under
 * the real root. The caller validates the path text first (no "..", no backslash); this checks again.
 */
public final class BootRoot {
    private final Path root;

    public BootRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path path() {
        return root;
    }

    /**
     * Opens a regular file under the root; empty when there is none (or the root does not exist).
     *
     * @throws AccessDeniedException when the path resolves outside the root (a symbolic link escaping it)
     */
    public Optional<FileChannel> open(String relativePath) throws IOException {
        Path realRoot;
        Path real;
        try {
            realRoot = root.toRealPath();
            Path lexical = realRoot.resolve(relativePath).normalize();
            if (!lexical.startsWith(realRoot) || lexical.equals(realRoot))
                throw new AccessDeniedException(relativePath, null, "names no file under the boot root");
            real = lexical.toRealPath();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!real.startsWith(realRoot))
            throw new AccessDeniedException(relativePath, null, "resolves outside the boot root " + realRoot);
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        // NOFOLLOW_LINKS: the checked real path must not be swapped for a link between check and open.
        return Optional.of(FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    }
}
