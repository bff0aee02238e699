package io.pharos.node.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.model.FileEntry;
import io.pharos.core.state.State;
import io.pharos.node.codec.CommandCodec;
import io.pharos.node.codec.PharosJson;
import io.pharos.node.http.ApiAuth;
import io.pharos.node.http.HttpHost;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file of several chunks through the files API, with curl asking for ranges that straddle chunks. */
class ChunkedFilesTest {
    @TempDir
    Path dir;

    private final State state = new State();
    private HttpHost host;
    private BlobStore blobs;
    private Curl curl;
    private String base;
    private String auth;

    @BeforeEach
    void start() throws Exception {
        ApiAuth.NewToken token = ApiAuth.newToken("test", ApiAuth.ADMIN, 0, new SecureRandom());
        state.apply(new Command.PutToken(token.token()));
        auth = "Authorization: Bearer " + token.text();
        blobs = new BlobStore(dir.resolve("data"), Clock.systemUTC());
        host = HttpHost.start(new InetSocketAddress("127.0.0.1", 0));
        host.mount(FilesApi.PREFIX, new FilesApi(state, new DirectCommandLog(state), blobs, new ApiAuth(state),
                Clock.systemUTC()));
        base = "http://127.0.0.1:" + host.address().getPort() + FilesApi.PREFIX;
        curl = new Curl(Files.createDirectories(dir.resolve("curl")));
    }

    @AfterEach
    void stop() {
        host.stop();
    }

    @Test
    void rangesAcrossChunkBoundaries() throws Exception {
        byte[] content = new byte[9 * 1024 * 1024 + 123];
        new Random(11).nextBytes(content);
        Path source = Files.write(dir.resolve("big.img"), content);
        Curl.Response put = curl.run("-X", "PUT", "-H", auth, "--data-binary", "@" + source, base + "/big.img");
        assertEquals(201, put.status(), put.text());
        FileEntry entry = state.file("big.img").orElseThrow();
        assertTrue(entry.chunks().size() >= 3, "a 9 MiB upload should be several chunks: " + entry.chunks());
        assertEquals(content.length, entry.chunks().stream().mapToLong(FileEntry.Chunk::size).sum());
        assertEquals(entry, PharosJson.mapper().readValue(put.body(), FileEntry.class));

        Curl.Response whole = curl.run("-H", auth, base + "/big.img");
        assertEquals(200, whole.status());
        assertArrayEquals(content, whole.body());

        long boundary = 0;
        for (int i = 0; i < entry.chunks().size() - 1; i++) {
            boundary += entry.chunks().get(i).size();
            int first = (int) boundary - 7;
            int last = (int) boundary + 8;
            Curl.Response straddling = curl.run("-H", auth, "-r", first + "-" + last, base + "/big.img");
            assertEquals(206, straddling.status());
            assertEquals("bytes " + first + "-" + last + "/" + content.length, straddling.header("Content-Range"));
            assertArrayEquals(Arrays.copyOfRange(content, first, last + 1), straddling.body(), "around chunk " + i);
        }
        int from = (int) entry.chunks().getFirst().size() / 2;
        Curl.Response rest = curl.run("-H", auth, "-r", from + "-", base + "/big.img");
        assertArrayEquals(Arrays.copyOfRange(content, from, content.length), rest.body());
    }

    @Test
    void aFileWhoseChunkIsGoneAnswers503AndSaysWhy() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024];
        new Random(12).nextBytes(content);
        Path source = Files.write(dir.resolve("f.img"), content);
        assertEquals(201, curl.run("-X", "PUT", "-H", auth, "--data-binary", "@" + source, base + "/f.img").status());
        FileEntry entry = state.file("f.img").orElseThrow();
        blobs.delete(entry.chunks().getLast().sha256());
        Curl.Response missing = curl.run("-H", auth, base + "/f.img");
        assertEquals(503, missing.status());
        assertTrue(missing.text().contains("not on this node"), missing.text());
    }

    @Test
    void anEntryWrittenBeforeChunkingReadsAsOneChunk() {
        String sha = "ab".repeat(32);
        byte[] json = ("{\"type\":\"PutFile\",\"file\":{\"path\":\"ipxe.efi\",\"sha256\":\"" + sha
                + "\",\"size\":1000,\"uploadedAt\":7}}").getBytes(StandardCharsets.UTF_8);
        byte[] old = new byte[json.length + 1];
        old[0] = CommandCodec.FORMAT_V1;
        System.arraycopy(json, 0, old, 1, json.length);
        Command.PutFile put = (Command.PutFile) CommandCodec.decode(old);
        assertEquals(List.of(new FileEntry.Chunk(sha, 1000)), put.file().chunks());
        assertEquals(put, CommandCodec.decode(CommandCodec.encode(put)));
    }
}
