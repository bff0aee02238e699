package io.pharos.node.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TftpBootRootFileSourceTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    @TempDir
    Path root;
    @TempDir
    Path outside;
    BootRootFileSource source;

    @BeforeEach
    void bootRoot() throws IOException {
        Files.createDirectories(root.resolve("boot/grub"));
        Files.writeString(root.resolve("pxelinux.0"), "pxe");
        Files.writeString(root.resolve("boot/grub/grub.cfg"), "menuentry");
        Files.writeString(outside.resolve("secret"), "do not serve");
        Files.createSymbolicLink(root.resolve("escape"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("boot/escape-dir"), outside);
        Files.createSymbolicLink(root.resolve("grub.cfg"), root.resolve("boot/grub/grub.cfg"));
        source = new BootRootFileSource(root);
    }

    private String read(String path) throws IOException {
        try (TftpFile file = source.open(path, CLIENT).orElseThrow()) {
            byte[] content = new byte[(int) file.size()];
            int n = file.read(0, content, 0, content.length);
            assertEquals(content.length, Math.max(n, 0));
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"boot/grub/grub.cfg", "/boot/grub/grub.cfg", "//boot//grub/./grub.cfg",
            "\\boot\\grub\\grub.cfg", "boot\\grub/grub.cfg", "grub.cfg"})
    void servesFilesUnderTheRootHoweverClientsSpellThem(String path) throws IOException {
        assertEquals("menuentry", read(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "..", "/../etc/passwd", "boot/../../etc/passwd", "..\\..\\etc\\passwd",
            "boot/grub/../../../x", "escape", "boot/escape-dir/secret"})
    void refusesEverythingOutsideTheRoot(String path) {
        assertThrows(AccessDeniedException.class, () -> source.open(path, CLIENT));
    }

    @Test
    void absolutePathsAreTakenRelativeToTheRoot() throws IOException {
        assertEquals(Optional.empty(), source.open("/etc/passwd", CLIENT));
        assertEquals("pxe", read("/pxelinux.0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "missing", "boot", "boot/grub", "boot/missing/deeper"})
    void missingFilesAndDirectoriesAreNotFound(String path) throws IOException {
        assertEquals(Optional.empty(), source.open(path, CLIENT));
    }

    @Test
    void refusesARootThatIsNotADirectory() {
        assertThrows(NoSuchFileException.class, () -> new BootRootFileSource(root.resolve("nope")));
    }

    @Test
    void inMemoryFilesReadAtAnyPosition() throws IOException {
        byte[] content = "hello world".getBytes(StandardCharsets.US_ASCII);
        TftpFile file = TftpFile.ofBytes(content);
        content[0] = 'X';
        byte[] buffer = new byte[5];
        assertEquals(11, file.size());
        assertEquals(5, file.read(6, buffer, 0, 5));
        assertArrayEquals("world".getBytes(StandardCharsets.US_ASCII), buffer);
        assertEquals(1, file.read(0, buffer, 0, 1));
        assertEquals('h', buffer[0]);
        assertEquals(-1, file.read(11, buffer, 0, 5));
    }

    @Test
    void firstMatchAsksSourcesInOrder() throws IOException {
        TftpFileSource rendered = (path, client) -> path.equals("pxelinux.0")
                ? Optional.of(TftpFile.ofBytes(new byte[] {1, 2})) : Optional.empty();
        TftpFileSource chain = FirstMatchFileSource.of(rendered, source);

        assertEquals(2, chain.open("pxelinux.0", CLIENT).orElseThrow().size());
        assertEquals(9, chain.open("boot/grub/grub.cfg", CLIENT).orElseThrow().size());
        assertTrue(chain.open("missing", CLIENT).isEmpty());
        assertThrows(AccessDeniedException.class, () -> chain.open("../x", CLIENT));
    }
}
