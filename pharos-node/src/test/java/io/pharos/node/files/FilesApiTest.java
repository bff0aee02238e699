package io.pharos.node.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pharos.core.command.Command;
import io.pharos.core.model.FileEntry;
import io.pharos.core.state.State;
import io.pharos.node.codec.PharosJson;
import io.pharos.node.http.ApiAuth;
import io.pharos.node.http.HttpHost;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files API through a real HttpHost on 127.0.0.1, with curl as the client. */
class FilesApiTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final State state = new State();
    private HttpHost host;
    private BlobStore blobs;
    private Curl curl;
    private String base;
    private String auth;
    private byte[] content;
    private Path source;

    @BeforeEach
    void start() throws Exception {
        ApiAuth.NewToken token = ApiAuth.newToken("test", ApiAuth.ADMIN, 0, new SecureRandom());
        state.apply(new Command.PutToken(token.token()));
        auth = "Authorization: Bearer " + token.text();
        blobs = new BlobStore(dir.resolve("data"), Clock.systemUTC());
        host = HttpHost.start(new InetSocketAddress("127.0.0.1", 0));
        host.mount(FilesApi.PREFIX, new FilesApi(state, new DirectCommandLog(state), blobs, new ApiAuth(state),
                Clock.fixed(NOW, ZoneOffset.UTC)));
        base = "http://127.0.0.1:" + host.address().getPort() + FilesApi.PREFIX;
        curl = new Curl(Files.createDirectories(dir.resolve("curl")));
        content = new byte[3 * 1024 * 1024 + 3];
        new Random(42).nextBytes(content);
        source = Files.write(dir.resolve("image.bin"), content);
    }

    @AfterEach
    void stop() {
        host.stop();
    }

    private FileEntry upload(String path) throws Exception {
        Curl.Response put = curl.run("-X", "PUT", "-H", auth, "--data-binary", "@" + source, base + "/" + path);
        assertEquals(201, put.status(), put.text());
        return PharosJson.mapper().readValue(put.body(), FileEntry.class);
    }

    @Test
    void uploadCommitsAnEntryAndStoresTheBlob() throws Exception {
        FileEntry entry = upload("images/test+1.bin");

        assertEquals("images/test+1.bin", entry.path());
        assertEquals(content.length, entry.size());
        assertEquals(NOW.toEpochMilli(), entry.uploadedAt());
        assertEquals(entry, state.file("images/test+1.bin").orElseThrow());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), entry.sha256());
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        for (FileEntry.Chunk chunk : entry.chunks()) stored.writeBytes(Files.readAllBytes(blobs.path(chunk.sha256())));
        assertArrayEquals(content, stored.toByteArray());

        Curl.Response list = curl.run("-H", auth, base);
        assertEquals(200, list.status());
        JsonNode files = PharosJson.mapper().readTree(list.body());
        assertEquals(1, files.size());
        assertEquals(entry.sha256(), files.get(0).get("sha256").asText());
    }

    @Test
    void rangesAsCurlAsksForThem() throws Exception {
        FileEntry entry = upload("ipxe.efi");
        String url = base + "/ipxe.efi";
        int n = content.length;

        Curl.Response whole = curl.run("-H", auth, url);
        assertEquals(200, whole.status());
        assertArrayEquals(content, whole.body());
        assertEquals("bytes", whole.header("Accept-Ranges"));
        assertEquals("\"" + entry.sha256() + "\"", whole.header("ETag"));

        Curl.Response first = curl.run("-H", auth, "-r", "0-99", url);
        assertEquals(206, first.status());
        assertEquals("bytes 0-99/" + n, first.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(content, 0, 100), first.body());

        Curl.Response last = curl.run("-H", auth, "-r", "-100", url);
        assertEquals(206, last.status());
        assertEquals("bytes " + (n - 100) + "-" + (n - 1) + "/" + n, last.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(content, n - 100, n), last.body());

        Curl.Response open = curl.run("-H", auth, "-r", "1000-", url);
        assertEquals(206, open.status());
        assertArrayEquals(Arrays.copyOfRange(content, 1000, n), open.body());

        Curl.Response beyond = curl.run("-H", auth, "-r", n + "-", url);
        assertEquals(416, beyond.status());
        assertEquals("bytes */" + n, beyond.header("Content-Range"));
        assertEquals(0, beyond.body().length);

        Curl.Response several = curl.run("-H", auth, "-r", "0-1,5-6", url);
        assertEquals(200, several.status());
        assertArrayEquals(content, several.body());
    }

    @Test
    void headAnnouncesWhatGetWouldSend() throws Exception {
        upload("vmlinuz");
        Curl.Response head = curl.run("-I", "-H", auth, base + "/vmlinuz");
        assertEquals(200, head.status());
        assertEquals(String.valueOf(content.length), head.header("Content-Length"));
        // With -I curl writes the header block where the body would go: nothing else arrived.
        assertEquals(head.headers(), head.text());

        Curl.Response partialHead = curl.run("-I", "-H", auth, "-r", "10-19", base + "/vmlinuz");
        assertEquals(206, partialHead.status());
        assertEquals("10", partialHead.header("Content-Length"));
        assertEquals("bytes 10-19/" + content.length, partialHead.header("Content-Range"));
    }

    @Test
    void ifRangeWithAStaleTagGetsTheWholeFile() throws Exception {
        upload("initrd");
        Curl.Response stale = curl.run("-H", auth, "-H", "If-Range: \"0000\"", "-r", "0-9", base + "/initrd");
        assertEquals(200, stale.status());
        assertEquals(content.length, stale.body().length);
    }

    @Test
    void deleteRemovesTheEntryAndLeavesTheChunksForCollection() throws Exception {
        FileEntry entry = upload("old.img");
        Curl.Response deleted = curl.run("-X", "DELETE", "-H", auth, base + "/old.img");
        assertEquals(204, deleted.status());
        assertTrue(state.file("old.img").isEmpty());
        for (FileEntry.Chunk chunk : entry.chunks()) assertTrue(blobs.has(chunk.sha256()));

        assertEquals(404, curl.run("-H", auth, base + "/old.img").status());
        Curl.Response again = curl.run("-X", "DELETE", "-H", auth, base + "/old.img");
        assertEquals(404, again.status());
        assertTrue(again.text().contains("does not exist"), again.text());
    }

    @Test
    void badPathsAreRefusedWithWhatToFix() throws Exception {
        Curl.Response traversal = curl.run("-X", "PUT", "-H", auth, "--path-as-is", "--data-binary", "x",
                base + "/a/../../etc/passwd");
        assertEquals(400, traversal.status());
        assertTrue(traversal.text().contains("'..'"), traversal.text());

        Curl.Response space = curl.run("-X", "PUT", "-H", auth, "--data-binary", "x", base + "/a%20b");
        assertEquals(400, space.status());
        assertTrue(space.text().contains("letters, digits"), space.text());
        assertTrue(state.files().isEmpty());
        assertEquals(0, blobs.list().size(), "a refused upload must not be stored");
    }

    @Test
    void everythingNeedsAToken() throws Exception {
        Curl.Response anonymous = curl.run("-X", "PUT", "--data-binary", "x", base + "/f");
        assertEquals(401, anonymous.status());
        assertTrue(state.files().isEmpty());
        assertEquals(401, curl.run(base).status());
    }

    @Test
    void aReaderMayDownloadButNotUpload() throws Exception {
        upload("shared.bin");
        ApiAuth.NewToken reader = ApiAuth.newToken("ro", ApiAuth.READER, 0, new SecureRandom());
        state.apply(new Command.PutToken(reader.token()));
        String readerAuth = "Authorization: Bearer " + reader.text();
        assertEquals(200, curl.run("-H", readerAuth, base + "/shared.bin").status());
        assertEquals(403, curl.run("-X", "PUT", "-H", readerAuth, "--data-binary", "x", base + "/other").status());
        assertFalse(state.file("other").isPresent());
    }
}
