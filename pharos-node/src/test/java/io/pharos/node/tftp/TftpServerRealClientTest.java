package io.pharos.node.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pharos.protocols.tftp.TftpLimits;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on 127.0.0.1 against the real tftp-hpa and atftp clients, run as subprocesses. */
class TftpServerRealClientTest {
    private static final Duration CLIENT_DEADLINE = Duration.ofSeconds(60);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path root;
    @TempDir
    Path downloads;
    @TempDir
    Path outside;
    TftpServer server;
    int port;

    @BeforeEach
    void startServer() throws IOException {
        Random random = new Random(42);
        for (int size : new int[] {0, 511, 512, 513, 100_000, 3_000_000}) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            Files.write(root.resolve("file-" + size), content);
        }
        Files.createDirectories(root.resolve("boot/grub"));
        Files.writeString(root.resolve("boot/grub/grub.cfg"), "set timeout=5\nmenuentry 'install' {}\n");
        Files.writeString(outside.resolve("secret"), "must not leave the server");
        Files.createSymbolicLink(root.resolve("escape"), outside.resolve("secret"));

        TftpLimits limits = new TftpLimits(TftpLimits.MAX_BLKSIZE, 64, Duration.ofSeconds(1), 3);
        server = new TftpServer(new InetSocketAddress(LOOPBACK, 0), new BootRootFileSource(root), limits, 64);
        server.start();
        port = server.localAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void tftpHpaFetchesFilesOfEveryEdgeSize() throws Exception {
        assumeClient("tftp");
        for (String name : List.of("file-0", "file-511", "file-512", "file-513", "file-100000", "file-3000000")) {
            Path local = downloads.resolve(name);
            ClientRun run = runClient("tftp", "-v", "127.0.0.1", Integer.toString(port), "-m", "binary",
                    "-c", "get", name, local.toString());
            assertEquals(sha256(root.resolve(name)), sha256(local), name + ": " + run.output());
        }
        assertEquals(6, server.stats().transfersCompleted());
    }

    @Test
    void tftpHpaFetchesANestedPathWithBackslashesInNetasciiMode() throws Exception {
        assumeClient("tftp");
        Path local = downloads.resolve("grub.cfg");
        ClientRun run = runClient("tftp", "127.0.0.1", Integer.toString(port), "-c", "get", "\\boot\\grub\\grub.cfg",
                local.toString());
        assertEquals(sha256(root.resolve("boot/grub/grub.cfg")), sha256(local), run.output());
    }

    @Test
    void atftpFetchesWithBlksizeTsizeAndWindowsize() throws Exception {
        assumeClient("atftp");
        for (String name : List.of("file-0", "file-512", "file-3000000")) {
            Path local = downloads.resolve(name);
            ClientRun run = runClient("atftp", "--option", "blksize 1428", "--option", "tsize 0",
                    "--option", "windowsize 8", "-g", "-r", name, "-l", local.toString(), "127.0.0.1",
                    Integer.toString(port));
            assertEquals(0, run.exitCode(), run.output());
            assertEquals(sha256(root.resolve(name)), sha256(local), name + ": " + run.output());
        }
        // The server counts a transfer when the final ACK arrives, which may be just after the client exits.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.stats().transfersCompleted() < 3 && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(3, server.stats().transfersCompleted());
    }

    @Test
    void atftpFetchesWithTheLargestBlockSize() throws Exception {
        assumeClient("atftp");
        Path local = downloads.resolve("big");
        ClientRun run = runClient("atftp", "--option", "blksize 65464", "-g", "-r", "file-3000000",
                "-l", local.toString(), "127.0.0.1", Integer.toString(port));
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(sha256(root.resolve("file-3000000")), sha256(local));
    }

    @Test
    void manyClientsAtOnce() throws Exception {
        assumeClient("atftp");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ClientRun>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Path local = downloads.resolve("copy-" + i);
                runs.add(pool.submit(() -> runClient("atftp", "--option", "blksize 1428", "--option", "windowsize 4",
                        "-g", "-r", "file-3000000", "-l", local.toString(), "127.0.0.1", Integer.toString(port))));
            }
            for (Future<ClientRun> run : runs) assertEquals(0, run.get(2, TimeUnit.MINUTES).exitCode());
        } finally {
            pool.shutdownNow();
        }
        String expected = sha256(root.resolve("file-3000000"));
        for (int i = 0; i < 8; i++) assertEquals(expected, sha256(downloads.resolve("copy-" + i)));
        assertEquals(8, server.stats().transfersCompleted());
    }

    @Test
    void pathTraversalAndSymlinkEscapeAreRefused() throws Exception {
        assumeClient("tftp");
        for (String attack : List.of("../etc/passwd", "..\\..\\etc\\passwd", "escape")) {
            Path local = downloads.resolve("stolen");
            ClientRun run = runClient("tftp", "-v", "127.0.0.1", Integer.toString(port), "-m", "binary",
                    "-c", "get", attack, local.toString());
            assertTrue(run.output().contains("Error code 2"), attack + ": " + run.output());
            assertFalse(Files.exists(local) && Files.size(local) > 0, attack + " delivered content");
        }
        assertEquals(3, server.stats().refused());
        assertEquals(0, server.stats().transfersCompleted());
    }

    @Test
    void malformedDatagramsAreCountedAndTheServerKeepsServing() throws Exception {
        assumeClient("tftp");
        List<byte[]> junk = List.of(new byte[0], new byte[] {0}, new byte[] {0, 9, 1, 2}, new byte[] {0, 1, 'x'},
                "\0\1file\0octet\0blksize\0008\0BLKSIZE\0009\0".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {0, 4, 0});
        try (DatagramSocket attacker = new DatagramSocket(0, LOOPBACK)) {
            for (byte[] datagram : junk) attacker.send(new DatagramPacket(datagram, datagram.length, LOOPBACK, port));
        }
        awaitStats(stats -> stats.malformedDropped() == junk.size());

        Path local = downloads.resolve("after");
        runClient("tftp", "-v", "127.0.0.1", Integer.toString(port), "-m", "binary", "-c", "get", "file-513",
                local.toString());
        assertEquals(sha256(root.resolve("file-513")), sha256(local));
        assertEquals(junk.size(), server.stats().malformedDropped());
    }

    private record ClientRun(int exitCode, String output) {
    }

    private ClientRun runClient(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(downloads, "client", ".log");
        Process process = new ProcessBuilder(command).directory(downloads.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        try {
            if (!process.waitFor(CLIENT_DEADLINE.toSeconds(), TimeUnit.SECONDS))
                fail(String.join(" ", command) + " did not finish in " + CLIENT_DEADLINE + ": " + Files.readString(log));
            return new ClientRun(process.exitValue(), Files.readString(log));
        } finally {
            process.destroyForcibly();
        }
    }

    private static void assumeClient(String name) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
            found |= Files.isExecutable(Path.of(dir, name));
        assumeTrue(found, name + " is not installed (apt-get install tftp-hpa atftp)");
    }

    private void awaitStats(Predicate<TftpStats> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.test(server.stats())) {
            if (System.nanoTime() > deadline) fail("stats never reached the expected state: " + server.stats());
            Thread.sleep(20);
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        if (!Files.exists(file)) return "missing " + file.getFileName();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
