package io.pharos.node.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.node.files.BlobStore;
import io.pharos.node.files.Curl;
import io.pharos.node.http.ApiAuth;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node-to-node blob endpoint as curl sees it. */
class BlobEndpointTest {
    @TempDir
    Path dir;

    private TestPeer peer;
    private Curl curl;
    private String auth;
    private String base;

    @BeforeEach
    void start() throws Exception {
        peer = new TestPeer("a", dir);
        MirroredCommandLog log = new MirroredCommandLog(peer.state);
        ApiAuth.NewToken token = ApiAuth.newToken("peers", ApiAuth.READER, 0, new SecureRandom());
        log.apply(new Command.PutToken(token.token()));
        auth = "Authorization: Bearer " + token.text();
        peer.serve(log, Throttle.NONE);
        base = peer.base() + BlobEndpoint.PREFIX + "/";
        curl = new Curl(Files.createDirectories(dir.resolve("curl")));
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    @Test
    void servesABlobByNameWithRanges() throws Exception {
        byte[] content = new byte[200_000];
        new Random(9).nextBytes(content);
        BlobStore.Blob blob = peer.blobs.put(new ByteArrayInputStream(content));

        Curl.Response whole = curl.run("-H", auth, base + blob.sha256());
        assertEquals(200, whole.status());
        assertArrayEquals(content, whole.body());
        assertEquals("\"" + blob.sha256() + "\"", whole.header("ETag"));

        Curl.Response rest = curl.run("-H", auth, "-r", "150000-", base + blob.sha256());
        assertEquals(206, rest.status());
        assertArrayEquals(Arrays.copyOfRange(content, 150_000, content.length), rest.body());

        Curl.Response head = curl.run("-I", "-H", auth, base + blob.sha256());
        assertEquals("200000", head.header("Content-Length"));
    }

    @Test
    void refusesStrangersBadNamesAndWrites() throws Exception {
        BlobStore.Blob blob = peer.blobs.put(new ByteArrayInputStream("x".getBytes()));
        assertEquals(401, curl.run(base + blob.sha256()).status());
        Curl.Response badName = curl.run("-H", auth, "--path-as-is", base + "../tmp/x");
        assertEquals(400, badName.status(), badName.text());
        Curl.Response absent = curl.run("-H", auth, base + "0".repeat(64));
        assertEquals(404, absent.status());
        assertTrue(absent.text().contains("ask another member"), absent.text());
        int delete = curl.run("-X", "DELETE", "-H", auth, base + blob.sha256()).status();
        assertTrue(delete == 403 || delete == 405, "DELETE answered " + delete);
        assertTrue(peer.blobs.has(blob.sha256()));
    }
}
