package io.pharos.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `pharos` CLI against a real node (PharosServer on 127.0.0.1: Ratis, API, files): what an operator would do. */
class CliAgainstApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path node;

    @TempDir
    Path dir;

    private static LivePharos pharos;
    private static CliRunner admin;

    @BeforeAll
    static void start() throws Exception {
        pharos = LivePharos.start(node);
        admin = new CliRunner(pharos.endpoint, pharos.adminToken);
    }

    @AfterAll
    static void stop() {
        if (pharos != null) pharos.close();
    }

    private CliRunner.Outcome ok(String... args) {
        CliRunner.Outcome outcome = admin.run(args);
        assertEquals(0, outcome.exitCode(), () -> String.join(" ", args) + "\n" + outcome);
        return outcome;
    }

    private JsonNode json(String... args) throws IOException {
        String[] withJson = new String[args.length + 2];
        withJson[0] = "-o";
        withJson[1] = "json";
        System.arraycopy(args, 0, withJson, 2, args.length);
        return JSON.readTree(ok(withJson).out());
    }

    @Test
    void subnetLifecycle() throws IOException {
        assertEquals("created subnet lab\n", ok("subnets", "create", "lab", "--cidr", "10.20.0.0/24",
                "--range", "10.20.0.100-10.20.0.200", "--lease-time", "1h", "--option", "router=10.20.0.1",
                "--option", "dns=10.20.0.53", "--next-server", "10.20.0.1").out());

        String table = ok("subnets", "list").out();
        assertTrue(table.startsWith("NAME"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("lab ") && l.contains("10.20.0.0/24")
                && l.contains("10.20.0.100-10.20.0.200") && l.contains("1h")), table);

        JsonNode shown = json("subnets", "show", "lab");
        assertEquals("10.20.0.0/24", shown.path("cidr").asText());
        assertEquals(3600, shown.path("leaseSeconds").asLong());
        assertEquals("10.20.0.53", shown.path("options").path("dns").asText());

        ok("subnets", "update", "lab", "--lease-time", "30m", "--unset-option", "dns", "--range", "10.20.0.50-10.20.0.60");
        JsonNode updated = json("subnets", "show", "lab");
        assertEquals(1800, updated.path("leaseSeconds").asLong());
        assertTrue(updated.path("options").path("dns").isMissingNode(), updated.toString());
        assertEquals("10.20.0.1", updated.path("options").path("router").asText(), "untouched fields kept");
        assertEquals("10.20.0.50-10.20.0.60", updated.path("ranges").get(0).asText());
        assertEquals("10.20.0.1", updated.path("nextServer").asText());

        ok("subnets", "delete", "lab");
        CliRunner.Outcome gone = admin.run("subnets", "show", "lab");
        assertEquals(1, gone.exitCode(), gone.toString());
        assertTrue(gone.err().contains("does not exist"), gone.toString());
    }

    @Test
    void anInvalidCidrIsRefusedWithTheFieldNamed() {
        CliRunner.Outcome outcome = admin.run("subnets", "create", "bad", "--cidr", "10.0.0/24");
        assertEquals(1, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.err().startsWith("pharos: cidr: "), outcome.toString());
        assertTrue(outcome.err().contains("'10.0.0'"), "the bad text is quoted: " + outcome);
        assertEquals("", outcome.out());
    }

    @Test
    void machineLifecycle() throws IOException {
        ok("subnets", "create", "machines-net", "--cidr", "10.30.0.0/24", "--range", "10.30.0.100-10.30.0.200");
        ok("machines", "create", "--name", "m1", "--mac", "52:54:00:12:34:56", "--bootenv", "local",
                "--param", "disk=/dev/sda", "--address", "10.30.0.50");

        JsonNode machine = json("machines", "show", "m1");
        UUID id = UUID.fromString(machine.path("id").asText());
        assertEquals("52:54:00:12:34:56", machine.path("macs").get(0).asText());
        assertEquals("local", machine.path("bootEnv").asText());
        assertEquals("10.30.0.50", machine.path("address").asText());
        assertTrue(ok("machines", "list").out().lines().anyMatch(l -> l.startsWith("m1 ") && l.contains(id.toString())));

        ok("machines", "update", "m1", "--name", "m2", "--param", "role=web", "--address", "");
        JsonNode renamed = json("machines", "show", id.toString());
        assertEquals("m2", renamed.path("name").asText());
        assertEquals("/dev/sda", renamed.path("params").path("disk").asText());
        assertEquals("web", renamed.path("params").path("role").asText());
        assertTrue(renamed.path("address").isMissingNode(), renamed.toString());

        ok("machines", "delete", "m2");
        assertEquals(1, admin.run("machines", "show", id.toString()).exitCode());
        ok("subnets", "delete", "machines-net");
    }

    @Test
    void params() throws IOException {
        ok("params", "set", "ntp-server", "10.0.0.123");
        assertEquals("10.0.0.123\n", ok("params", "get", "ntp-server").out());
        assertTrue(ok("params", "list").out().lines().anyMatch(l -> l.matches("ntp-server\\s+10\\.0\\.0\\.123")));
        assertEquals("10.0.0.123", json("params", "list").path("ntp-server").asText());
        ok("params", "delete", "ntp-server");
        assertEquals(1, admin.run("params", "get", "ntp-server").exitCode());
    }

    @Test
    void filesUploadListDownloadDelete() throws Exception {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        Path local = Files.write(dir.resolve("kernel.bin"), content);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

        ok("files", "upload", local.toString(), "images/test/kernel.bin");

        JsonNode files = json("files", "list");
        JsonNode entry = null;
        for (JsonNode f : files) if (f.path("path").asText().equals("images/test/kernel.bin")) entry = f;
        assertTrue(entry != null, files.toString());
        assertEquals(sha256, entry.path("sha256").asText());
        assertEquals(content.length, entry.path("size").asLong());

        Path copy = dir.resolve("copy.bin");
        CliRunner.Outcome download = ok("files", "download", "images/test/kernel.bin", copy.toString());
        assertEquals("", download.out());
        assertEquals(sha256, sha256Of(copy));

        ok("files", "delete", "images/test/kernel.bin");
        CliRunner.Outcome gone = admin.run("files", "download", "images/test/kernel.bin", dir.resolve("gone.bin").toString());
        assertEquals(1, gone.exitCode(), gone.toString());
        assertTrue(Files.notExists(dir.resolve("gone.bin")));
    }

    @Test
    void templatesAndBootEnvs() throws IOException {
        String body = "#!ipxe\nkernel {{ kernel }}\nboot\n";
        CliRunner.Outcome created = admin.runWithStdin(body, "templates", "create", "cli-ipxe", "--file", "-");
        assertEquals(0, created.exitCode(), created.toString());
        assertEquals(body, ok("templates", "show", "cli-ipxe").out());
        Path changed = Files.writeString(dir.resolve("cli.ipxe"), "#!ipxe\nexit\n");
        ok("templates", "update", "cli-ipxe", "--file", changed.toString());
        assertEquals("#!ipxe\nexit\n", ok("templates", "show", "cli-ipxe").out());

        ok("bootenvs", "create", "cli-env", "--kernel", "images/vmlinuz", "--initrd", "images/initrd",
                "--args", "console=ttyS0", "--template", "ipxe=cli-ipxe");
        JsonNode env = json("bootenvs", "show", "cli-env");
        assertEquals("cli-ipxe", env.path("templates").path("ipxe").asText());
        assertEquals("console=ttyS0", env.path("kernelArgs").asText());

        CliRunner.Outcome inUse = admin.run("templates", "delete", "cli-ipxe");
        assertEquals(1, inUse.exitCode(), inUse.toString());
        ok("bootenvs", "delete", "cli-env");
        ok("templates", "delete", "cli-ipxe");
    }

    @Test
    void defaultContentIsListedAndPreferencesShowAsYaml() throws IOException {
        JsonNode envs = json("bootenvs", "list");
        assertTrue(envs.toString().contains("\"discovery\"") && envs.toString().contains("\"local\""), envs.toString());
        String yaml = ok("-o", "yaml", "preferences", "show").out();
        assertTrue(yaml.contains("unknownBootEnv: discovery\n"), yaml);
        assertTrue(yaml.contains("defaultBootEnv: local\n"), yaml);
    }

    @Test
    void aReaderTokenMayReadButNotWrite() {
        CliRunner.Outcome created = ok("tokens", "create", "cli-reader", "--role", "reader");
        String token = created.out().strip();
        assertTrue(token.matches("[0-9a-f]+\\.[A-Za-z0-9_-]+"), created.toString());
        CliRunner reader = new CliRunner(pharos.endpoint, token);

        assertEquals(0, reader.run("bootenvs", "list").exitCode());
        CliRunner.Outcome write = reader.run("params", "set", "x", "y");
        assertEquals(1, write.exitCode(), write.toString());
        assertTrue(write.err().contains("may only read"), write.toString());
    }

    @Test
    void withoutATokenTheErrorSaysHowToPassOne() {
        CliRunner.Outcome outcome = new CliRunner(pharos.endpoint, null).run("subnets", "list");
        assertEquals(1, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.err().contains("--token TOKEN or set PHAROS_TOKEN"), outcome.toString());
    }

    @Test
    void aServerThatIsNotThereExitsTwo() {
        String closed = "http://127.0.0.1:" + LivePharos.freePort();
        CliRunner.Outcome outcome = new CliRunner(closed, pharos.adminToken).run("status");
        assertEquals(2, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.err().contains("cannot reach Pharos at " + closed), outcome.toString());
    }

    @Test
    void statusAndStats() {
        assertTrue(ok("status").out().lines().anyMatch(l -> l.matches("role\\s+active \\(raft leader-ready\\)")), "status table");
        assertTrue(ok("stats").out().contains("http."), "stats has the HTTP counters");
    }

    private static String sha256Of(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
