package io.pharos.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload streams the local file as the raw body; download writes the body to a file only when complete. */
class FilesCommandTest {
    private static final String API = "http://127.0.0.1:8080/api/v1";

    @TempDir
    Path dir;

    @Test
    void uploadPutsTheFileBytesUnderTheRemotePath() throws IOException {
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 31);
        Path local = Files.write(dir.resolve("vmlinuz"), content);
        RecordingTransport transport = new RecordingTransport()
                .answer(200, "{\"path\":\"ubuntu/24.04/vmlinuz\",\"sha256\":\"ab12\",\"size\":200000,\"uploadedAt\":1}");

        CliRun run = CliRun.run(transport, "files", "upload", local.toString(), "ubuntu/24.04/vmlinuz");

        assertEquals(0, run.exitCode(), run.err());
        RecordingTransport.Sent sent = transport.only();
        assertEquals("PUT", sent.method());
        assertEquals(API + "/files/ubuntu/24.04/vmlinuz", sent.uri());
        assertEquals("application/octet-stream", sent.header("Content-Type"));
        assertArrayEquals(content, sent.body());
        assertTrue(run.out().contains("sha256 ab12"), run.out());
    }

    @Test
    void uploadDefaultsTheRemotePathToTheFileName() throws IOException {
        Path local = Files.writeString(dir.resolve("ipxe script.cfg"), "x");
        RecordingTransport transport = new RecordingTransport().answer(200, "{}");

        CliRun.run(transport, "files", "upload", local.toString());

        assertEquals(API + "/files/ipxe%20script.cfg", transport.only().uri());
    }

    @Test
    void uploadOfAMissingFileIsAUsageErrorAndSendsNothing() {
        RecordingTransport transport = new RecordingTransport();
        CliRun run = CliRun.run(transport, "files", "upload", dir.resolve("nope.bin").toString());

        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("nope.bin"), run.err());
        assertTrue(transport.sent.isEmpty());
    }

    @Test
    void downloadWritesTheBodyToTheLocalFile() throws IOException {
        RecordingTransport transport = new RecordingTransport().answer(200, "kernel bytes");
        Path target = dir.resolve("out.bin");

        CliRun run = CliRun.run(transport, "files", "download", "ubuntu/vmlinuz", target.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("GET", transport.only().method());
        assertEquals(API + "/files/ubuntu/vmlinuz", transport.only().uri());
        assertEquals("kernel bytes", Files.readString(target));
        assertEquals("", run.out(), "stdout stays clean for pipes");
    }

    @Test
    void downloadToStdoutWithDash() {
        RecordingTransport transport = new RecordingTransport().answer(200, "#!ipxe\n");
        CliRun run = CliRun.run(transport, "files", "download", "boot.ipxe", "-");

        assertEquals("#!ipxe\n", run.out());
    }

    @Test
    void aFailedDownloadLeavesNoFileBehind() throws IOException {
        Path target = dir.resolve("kept.bin");
        Files.writeString(target, "old");
        RecordingTransport transport = new RecordingTransport().answer(404, "{\"error\":\"file 'x' does not exist\"}");

        CliRun run = CliRun.run(transport, "files", "download", "x", target.toString());

        assertEquals(ExitCode.REFUSED, run.exitCode());
        assertTrue(run.err().contains("file 'x' does not exist"), run.err());
        assertEquals("old", Files.readString(target), "the old file is untouched");
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".partial")), "no partial file left");
        }
    }
}
