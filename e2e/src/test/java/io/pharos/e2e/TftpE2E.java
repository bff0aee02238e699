package io.pharos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real TFTP clients fetch from Pharos' boot root: atftp with blksize, tsize and windowsize (RFC 2348,
 * 2349, 7440), curl with blksize and tsize, tftp-hpa with none (RFC 1350); and a per-machine pxelinux file
 * rendered from the machine's boot environment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TftpE2E {
    private static final String CLIENT_IP = "10.213.0.20";
    private static final String MACHINE_MAC = "02:13:00:00:02:01";
    private ServerLan lan;
    private String client;
    private Path bootFile;
    private String bootFileSha;

    @BeforeAll
    void startServer() throws IOException {
        Requirements.assumeRoot();
        Requirements.assumeBinaries("atftp", "tftp", "curl");
        lan = ServerLan.start();
        // Neither a multiple of 512 nor of the negotiated block sizes, so the last short block is exercised.
        byte[] content = new byte[3 * 1024 * 1024 + 123];
        new Random(7).nextBytes(content);
        bootFile = lan.pharos().bootRoot().resolve("e2e/boot.bin");
        Files.createDirectories(bootFile.getParent());
        Files.write(bootFile, content);
        bootFileSha = Sha256.of(content);
        client = lan.client("tftpc", null);
        lan.lab().address(client, "eth0", CLIENT_IP + "/24");
    }

    @AfterAll
    void stopServer() {
        if (lan != null) lan.close();
    }

    @Test
    void atftpNegotiatesBlksizeTsizeAndWindowsize() {
        Path out = lan.lab().workDir().resolve("atftp.bin");
        ExecResult result = lan.lab().exec(client, Duration.ofSeconds(60), "atftp", "--get",
                "--remote-file", "e2e/boot.bin", "--local-file", out.toString(),
                // RFC 2349 §2: a read request carries tsize 0 (atftp's "tsize enable" sends the word "enable").
                "--option", "blksize 1428", "--option", "tsize 0", "--option", "windowsize 8",
                "--trace", "--verbose", ServerLan.SERVER_IP, "69");
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(bootFileSha, Sha256.of(out), "atftp download differs from the boot root file");
        String oack = (result.stdout() + result.stderr()).lines().filter(l -> l.startsWith("received OACK"))
                .findFirst().orElseThrow(() -> new AssertionError("the server sent no OACK: " + result.describe()));
        assertTrue(oack.contains("blksize: 1428"), "server did not acknowledge blksize 1428: " + oack);
        assertTrue(oack.contains("tsize: " + sizeOf(bootFile)), "server did not report tsize " + sizeOf(bootFile) + ": " + oack);
        assertTrue(oack.contains("windowsize: 8"), "server did not acknowledge windowsize 8: " + oack);
    }

    @Test
    void curlFetchesWithBlksize() {
        Path out = lan.lab().workDir().resolve("curl-tftp.bin");
        ExecResult result = lan.lab().exec(client, Duration.ofSeconds(60), "curl", "-sS", "--max-time", "50",
                "--tftp-blksize", "8192", "-o", out.toString(), "tftp://" + ServerLan.SERVER_IP + "/e2e/boot.bin");
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(bootFileSha, Sha256.of(out), "curl download differs from the boot root file");
    }

    @Test
    void tftpHpaFetchesWithoutOptions() {
        Path out = lan.lab().workDir().resolve("tftp-hpa.bin");
        ExecResult result = lan.lab().exec(client, Duration.ofSeconds(90), "tftp", "-m", "binary",
                ServerLan.SERVER_IP, "-c", "get", "e2e/boot.bin", out.toString());
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(bootFileSha, Sha256.of(out), "tftp-hpa download (512-byte blocks) differs from the boot root file");
    }

    @Test
    void aMachinesPxelinuxConfigIsRenderedForItsMac() throws IOException {
        PharosApi api = lan.api();
        BootSetup.template(api, "e2e-pxelinux", """
                DEFAULT e2e
                LABEL e2e
                  KERNEL {{ bootenv.kernel }}
                  APPEND machine={{ machine.name }} mac={{ mac }}
                """);
        BootSetup.template(api, "e2e-ipxe", "#!ipxe\nkernel {{ bootenv.kernel }}\nboot\n");
        BootSetup.bootEnv(api, "e2e-tftp", "vmlinuz-e2e", Map.of("pxelinux", "e2e-pxelinux", "ipxe", "e2e-ipxe"));
        BootSetup.machine(api, "tftp-box", MACHINE_MAC, "e2e-tftp");

        Path out = lan.lab().workDir().resolve("pxelinux.cfg");
        String remote = "pxelinux.cfg/01-" + MACHINE_MAC.replace(':', '-');
        ExecResult result = lan.lab().exec(client, Duration.ofSeconds(30), "atftp", "--get", "--remote-file", remote,
                "--local-file", out.toString(), ServerLan.SERVER_IP, "69");
        assertEquals(0, result.exitCode(), result.describe());
        String config = Files.readString(out);
        assertTrue(config.contains("KERNEL vmlinuz-e2e"), config);
        assertTrue(config.contains("APPEND machine=tftp-box mac=" + MACHINE_MAC), config);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
