package io.pharos.node.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.model.BootEnv;
import io.pharos.core.model.FileEntry;
import io.pharos.core.model.Machine;
import io.pharos.core.state.State;
import io.pharos.node.files.BlobStore;
import io.pharos.node.files.Curl;
import io.pharos.node.files.DirectCommandLog;
import io.pharos.node.http.HttpHost;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What booting machines fetch, through a real HttpHost on 127.0.0.1 with curl as the client. */
class BootHttpTest {
    private static final String MAC = "52:54:00:aa:bb:01";

    @TempDir
    Path dir;

    private final State state = DefaultContentTest.seeded();
    private final DirectCommandLog log = new DirectCommandLog(state);
    private final BootCounters counters = new BootCounters();
    private final AtomicLong ids = new AtomicLong();
    private HttpHost host;
    private BlobStore blobs;
    private Path bootRoot;
    private Curl curl;
    private String base;

    @BeforeEach
    void start() throws Exception {
        blobs = new BlobStore(dir.resolve("data"), Clock.systemUTC());
        bootRoot = Files.createDirectories(dir.resolve("data/boot"));
        TemplateRenderer renderer = new TemplateRenderer(state);
        MachineRegistrar registrar = new MachineRegistrar(state, log,
                () -> new UUID(0x1234, ids.incrementAndGet()), Duration.ofSeconds(5));
        host = HttpHost.start(new InetSocketAddress("127.0.0.1", 0));
        host.mount(BootHttp.PREFIX, new BootHttp(state, new BootScripts(state, renderer, counters), registrar, blobs,
                new BootRoot(bootRoot), () -> null, counters));
        base = "http://127.0.0.1:" + host.address().getPort() + BootHttp.PREFIX;
        curl = new Curl(Files.createDirectories(dir.resolve("curl")));
    }

    @AfterEach
    void stop() {
        host.stop();
    }

    @Test
    void anUnknownMachineGetsDiscoveryPointingAtTheAddressItCameIn() throws Exception {
        Curl.Response script = curl.run(base + "/ipxe/" + MAC);
        assertEquals(200, script.status());
        assertTrue(script.header("Content-Type").startsWith("text/plain"));
        assertTrue(script.text().startsWith("#!ipxe\n"), script.text());
        assertTrue(script.text().contains("http://127.0.0.1:" + host.address().getPort() + "/boot/register?mac=${netX/mac}"),
                script.text());
        assertEquals(0, state.machines().size(), "asking for a script registers nothing");
    }

    @Test
    void registerCreatesExactlyOneMachineAndIsIdempotent() throws Exception {
        String url = base + "/register?mac=" + MAC + "&uuid=4c4c4544-0042-3510-8052-b4c04f4e4d32"
                + "&arch=x86_64&serial=ABC%20123&manufacturer=Dell%20Inc.";

        Curl.Response first = curl.run(url);
        assertEquals(200, first.status(), first.text());
        assertTrue(first.text().startsWith("#!ipxe\n"));
        assertTrue(first.text().contains("chain --replace http://127.0.0.1:" + host.address().getPort()
                + "/boot/ipxe/" + MAC), first.text());

        assertEquals(1, state.machines().size());
        Machine machine = state.machines().iterator().next();
        assertEquals("m-525400aabb01", machine.name());
        assertEquals(UUID.fromString("4c4c4544-0042-3510-8052-b4c04f4e4d32"), machine.id());
        assertEquals(BootEnv.LOCAL, machine.bootEnv());
        assertEquals(Map.of("machine/uuid", "4c4c4544-0042-3510-8052-b4c04f4e4d32", "machine/arch", "x86_64",
                "machine/serial", "ABC 123", "machine/manufacturer", "Dell Inc."), machine.params());

        assertEquals(200, curl.run(url).status());
        assertEquals(200, curl.run(base + "/register?mac=" + MAC).status());
        assertEquals(List.of(machine), List.copyOf(state.machines()));
        assertEquals(1, log.submitted().size(), "a known MAC proposes nothing");
        assertEquals(1, counters.snapshot().registrations());

        Curl.Response next = curl.run(base + "/ipxe/" + MAC);
        assertTrue(next.text().contains("\nexit\n"), "the registered machine now boots its default (local): " + next.text());
    }

    @Test
    void concurrentRegistrationsOfOneMacMakeOneMachine() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Curl.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) answers.add(pool.submit(() -> curl.run(base + "/register?mac=" + MAC)));
            for (Future<Curl.Response> answer : answers) assertEquals(200, answer.get(30, TimeUnit.SECONDS).status());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, state.machines().size());
    }

    @Test
    void placeholderSmbiosUuidsAreReplacedByRandomOnes() throws Exception {
        curl.run(base + "/register?mac=" + MAC + "&uuid=00000000-0000-0000-0000-000000000000");
        assertEquals(new UUID(0x1234, 1), state.machines().iterator().next().id());
    }

    @Test
    void badMacsAreRefused() throws Exception {
        Curl.Response bad = curl.run(base + "/ipxe/not-a-mac");
        assertEquals(400, bad.status());
        assertTrue(bad.text().contains("not a MAC address"), bad.text());
        assertEquals(400, curl.run(base + "/register").status());
        assertEquals(0, state.machines().size());
    }

    @Test
    void pxelinuxAndGrubConfigsAreRendered() throws Exception {
        assertTrue(curl.run(base + "/pxelinux/" + MAC).text().contains("LOCALBOOT 0"));
        assertTrue(curl.run(base + "/grub/" + MAC).text().contains("exit"));
        assertEquals(404, curl.run(base + "/elsewhere").status());
        assertEquals(405, curl.run("-X", "POST", base + "/ipxe/" + MAC).status());
    }

    @Test
    void filesComeFromTheStoreFirstThenTheBootRootWithRanges() throws Exception {
        byte[] stored = "from the store".getBytes(StandardCharsets.UTF_8);
        BlobStore.Blob blob = blobs.put(new ByteArrayInputStream(stored));
        state.apply(new Command.PutFile(FileEntry.wholeBlob("ipxe.efi", blob.sha256(), blob.size(), 0)));
        Files.writeString(bootRoot.resolve("ipxe.efi"), "shadowed by the store");
        byte[] loader = new byte[10_000];
        Arrays.fill(loader, (byte) 7);
        loader[9_999] = 9;
        Files.write(Files.createDirectories(bootRoot.resolve("efi")).resolve("undionly.kpxe"), loader);

        Curl.Response fromStore = curl.run(base + "/files/ipxe.efi");
        assertEquals(200, fromStore.status());
        assertArrayEquals(stored, fromStore.body());
        assertEquals("\"" + blob.sha256() + "\"", fromStore.header("ETag"));

        Curl.Response tail = curl.run("-r", "-1", base + "/files/efi/undionly.kpxe");
        assertEquals(206, tail.status());
        assertArrayEquals(new byte[] {9}, tail.body());
        Curl.Response head = curl.run("-I", base + "/files/efi/undionly.kpxe");
        assertEquals("10000", head.header("Content-Length"));

        assertEquals(404, curl.run(base + "/files/missing.efi").status());
    }

    @Test
    void traversalAndSymlinkEscapesAreRefused() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "do not serve");
        Files.createSymbolicLink(bootRoot.resolve("escape.txt"), secret);
        Files.createSymbolicLink(bootRoot.resolve("outside"), dir);
        Files.writeString(bootRoot.resolve("inside.txt"), "fine");
        Files.createSymbolicLink(bootRoot.resolve("alias.txt"), bootRoot.resolve("inside.txt"));

        Curl.Response dotdot = curl.run("--path-as-is", base + "/files/../../secret.txt");
        assertEquals(400, dotdot.status(), dotdot.text());
        Curl.Response encoded = curl.run("--path-as-is", base + "/files/%2e%2e/secret.txt");
        assertEquals(400, encoded.status(), encoded.text());
        Curl.Response viaLink = curl.run(base + "/files/escape.txt");
        assertEquals(403, viaLink.status(), viaLink.text());
        assertEquals(403, curl.run(base + "/files/outside/secret.txt").status());
        for (Curl.Response r : List.of(dotdot, encoded, viaLink))
            assertFalse(r.text().contains("do not serve"));

        assertEquals("fine", curl.run(base + "/files/alias.txt").text(), "a link that stays inside is served");
    }
}
