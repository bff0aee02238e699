package io.pharos.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a booting machine fetches over HTTP, fetched with curl from a client namespace: uploaded files and
 * boot root files with byte ranges (RFC 9110 §14), the discovery script for an unknown MAC, registration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpBootE2E {
    private static final String CLIENT_IP = "10.213.0.21";
    private static final String BASE = "http://" + ServerLan.SERVER_IP + ":" + PharosProcess.HTTP_PORT;
    private ServerLan lan;
    private String client;
    private byte[] uploaded;

    @BeforeAll
    void startServer() throws IOException {
        Requirements.assumeRoot();
        Requirements.assumeBinaries("curl");
        lan = ServerLan.start();
        client = lan.client("httpc", null);
        lan.lab().address(client, "eth0", CLIENT_IP + "/24");

        uploaded = new byte[1_500_000];
        new Random(11).nextBytes(uploaded);
        Path local = lan.lab().workDir().resolve("kernel.img");
        Files.write(local, uploaded);
        lan.api().cli("files", "upload", local.toString(), "e2e/kernel.img").orFail();
    }

    @AfterAll
    void stopServer() {
        if (lan != null) lan.close();
    }

    @Test
    void uploadedFileIsServedWholeAndInRanges() throws IOException {
        assertArrayEquals(uploaded, fetch("/boot/files/e2e/kernel.img", null, 200));
        assertArrayEquals(Arrays.copyOfRange(uploaded, 1000, 2000), fetch("/boot/files/e2e/kernel.img", "1000-1999", 206));
        assertArrayEquals(Arrays.copyOfRange(uploaded, 1_400_000, uploaded.length),
                fetch("/boot/files/e2e/kernel.img", "1400000-", 206));
        assertArrayEquals(Arrays.copyOfRange(uploaded, uploaded.length - 500, uploaded.length),
                fetch("/boot/files/e2e/kernel.img", "-500", 206));
    }

    @Test
    void bootRootFileIsServedWhenNotInTheStore() throws IOException {
        byte[] loader = new byte[70_000];
        new Random(3).nextBytes(loader);
        Files.write(lan.pharos().bootRoot().resolve("undionly.kpxe"), loader);
        assertArrayEquals(loader, fetch("/boot/files/undionly.kpxe", null, 200));
        assertArrayEquals(Arrays.copyOfRange(loader, 65_536, 70_000), fetch("/boot/files/undionly.kpxe", "65536-", 206));
    }

    @Test
    void unknownMacGetsTheDiscoveryScript() throws IOException {
        String script = new String(fetch("/boot/ipxe/02:13:00:00:03:01", null, 200));
        assertTrue(script.startsWith("#!ipxe"), "not an iPXE script:\n" + script);
        assertTrue(script.contains("/boot/register"), "the discovery script must register the machine:\n" + script);
    }

    @Test
    void registeringCreatesTheMachineAndChainsToItsScript() throws IOException {
        String mac = "02:13:00:00:03:02";
        String script = new String(fetch("/boot/register?mac=" + mac + "&uuid=5e2c6a10-0000-4000-8000-000000000302"
                + "&arch=x86_64&serial=E2E-302", null, 200));
        assertTrue(script.startsWith("#!ipxe"), "not an iPXE script:\n" + script);
        assertTrue(script.contains("/boot/ipxe/" + mac), "the answer must chain to the machine's script:\n" + script);

        JsonNode machines = lan.api().cliJson("machines", "list", "-o", "json");
        JsonNode machine = null;
        for (JsonNode m : machines)
            for (JsonNode each : m.path("macs")) if (each.asText().equalsIgnoreCase(mac)) machine = m;
        assertTrue(machine != null, "registered MAC " + mac + " missing from pharos machines list: " + machines);
        assertEquals("local", machine.path("bootEnv").asText(), "a registered machine gets the default boot env");
    }

    /** GET from the client namespace, optionally with a Range; asserts the status and returns the body. */
    private byte[] fetch(String path, String range, int expectedStatus) throws IOException {
        Path out = Files.createTempFile(lan.lab().workDir(), "fetch", ".bin");
        ExecResult result = range == null
                ? lan.lab().exec(client, Duration.ofSeconds(30), "curl", "-sS", "-g", "--max-time", "25",
                        "-o", out.toString(), "-w", "%{http_code}", BASE + path)
                : lan.lab().exec(client, Duration.ofSeconds(30), "curl", "-sS", "-g", "--max-time", "25", "-r", range,
                        "-o", out.toString(), "-w", "%{http_code}", BASE + path);
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(String.valueOf(expectedStatus), result.stdout().strip(), "status of GET " + path
                + (range == null ? "" : " Range " + range) + "; body: " + new String(Files.readAllBytes(out)));
        return Files.readAllBytes(out);
    }
}
