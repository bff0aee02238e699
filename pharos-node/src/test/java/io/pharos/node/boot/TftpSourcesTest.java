package io.pharos.node.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.model.BootEnv;
import io.pharos.core.model.FileEntry;
import io.pharos.core.model.Template;
import io.pharos.core.state.State;
import io.pharos.node.files.BlobStore;
import io.pharos.node.tftp.TftpFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TftpSourcesTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 2000);

    @TempDir
    Path dir;

    private final State state = DefaultContentTest.seeded();
    private final BootCounters counters = new BootCounters();
    private final RenderedTftpFiles rendered = new RenderedTftpFiles(
            new BootScripts(state, new TemplateRenderer(state), counters), "10.9.8.7", 8080, counters);

    private static String read(TftpFile file) throws IOException {
        try (file) {
            byte[] buffer = new byte[(int) file.size()];
            int done = 0;
            while (done < buffer.length) {
                int n = file.read(done, buffer, done, buffer.length - done);
                if (n < 0) break;
                done += n;
            }
            return new String(buffer, 0, done, StandardCharsets.UTF_8);
        }
    }

    @Test
    void rendersPerMachinePxelinuxAndGrubConfigs() throws Exception {
        state.apply(new Command.PutTemplate(new Template("custom-pxelinux", "LABEL {{ machine.name }} {{ mac_dashes }} {{ server.http }}")));
        state.apply(new Command.PutTemplate(new Template("custom-grub", "menuentry {{ machine.name }}")));
        state.apply(new Command.PutBootEnv(new BootEnv("custom", "", null, List.of(), null,
                Map.of("pxelinux", "custom-pxelinux", "grub", "custom-grub"), List.of())));
        state.apply(new Command.PutMachine(DefaultContentTest.machine("custom", Map.of())));

        assertEquals("LABEL web-1 52-54-00-12-34-56 http://10.9.8.7:8080",
                read(rendered.open("pxelinux.cfg/01-52-54-00-12-34-56", CLIENT).orElseThrow()));
        assertEquals("LABEL web-1 52-54-00-12-34-56 http://10.9.8.7:8080",
                read(rendered.open("/pxelinux.cfg/01-52-54-00-12-34-56", CLIENT).orElseThrow()), "leading slash");
        assertEquals("menuentry web-1", read(rendered.open("grub/grub.cfg-01-52-54-00-12-34-56", CLIENT).orElseThrow()));
        assertEquals(3, counters.snapshot().renders());
    }

    @Test
    void theDefaultPxelinuxConfigIsDiscovery() throws Exception {
        String text = read(rendered.open("pxelinux.cfg/default", CLIENT).orElseThrow());
        assertTrue(text.contains("discovery"), text);
        assertTrue(text.contains("LOCALBOOT 0"), text);
    }

    @Test
    void otherNamesAreNotFoundHere() throws Exception {
        for (String name : List.of("pxelinux.0", "pxelinux.cfg/C0A80001", "pxelinux.cfg/01-zz-54-00-12-34-56",
                "grub/grub.cfg", "undionly.kpxe"))
            assertEquals(Optional.empty(), rendered.open(name, CLIENT), name);
    }

    @Test
    void aBrokenTemplateIsAnErrorTheClientSees() {
        state.apply(new Command.PutTemplate(new Template("discovery-pxelinux", "{% if %}")));
        IOException e = assertThrows(IOException.class, () -> rendered.open("pxelinux.cfg/default", CLIENT));
        assertTrue(e.getMessage().contains("template 'discovery-pxelinux' line 1"), e.getMessage());
        assertEquals(1, counters.snapshot().renderFailures());
    }

    @Test
    void storeFilesAreServedByPath() throws Exception {
        BlobStore blobs = new BlobStore(dir, Clock.systemUTC());
        BlobStore.Blob blob = blobs.put(new ByteArrayInputStream("kernel bytes".getBytes(StandardCharsets.UTF_8)));
        state.apply(new Command.PutFile(FileEntry.wholeBlob("images/vmlinuz", blob.sha256(), blob.size(), 0)));
        StoreTftpFiles store = new StoreTftpFiles(state, blobs, counters);

        assertEquals("kernel bytes", read(store.open("images/vmlinuz", CLIENT).orElseThrow()));
        assertEquals("kernel bytes", read(store.open("\\images\\vmlinuz", CLIENT).orElseThrow()), "Windows-style path");
        assertEquals(Optional.empty(), store.open("images/other", CLIENT));
        assertEquals(Optional.empty(), store.open("../images/vmlinuz", CLIENT));

        blobs.delete(blob.sha256());
        IOException e = assertThrows(IOException.class, () -> store.open("images/vmlinuz", CLIENT));
        assertTrue(e.getMessage().contains("not on this node"), e.getMessage());
    }
}
