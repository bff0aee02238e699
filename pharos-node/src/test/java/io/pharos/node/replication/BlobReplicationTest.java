package io.pharos.node.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.model.ClusterSettings;
import io.pharos.core.model.FileEntry;
import io.pharos.node.cluster.ClusterAuth;
import io.pharos.node.cluster.ClusterFiles;
import io.pharos.node.files.BlobStore;
import io.pharos.node.files.Curl;
import io.pharos.node.files.FilesApi;
import io.pharos.node.files.StoredFile;
import io.pharos.node.http.ApiAuth;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two (or three) in-process nodes on 127.0.0.1: uploads go to node a through its files API, every command
 * is applied to every node's State (as the log would), and node b's replicator fetches the bytes.
 */
class BlobReplicationTest {
    private static final BlobReplicator.Settings QUICK = new BlobReplicator.Settings(4, Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofSeconds(1));

    @TempDir
    Path dir;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestPeer a;
    private TestPeer b;
    private MirroredCommandLog log;
    private Curl curl;

    @BeforeEach
    void start() throws Exception {
        a = open(new TestPeer("a", dir));
        b = open(new TestPeer("b", dir));
        log = new MirroredCommandLog(a.state, b.state);
        String clusterToken = ClusterAuth.newToken(new SecureRandom());
        log.apply(new Command.PutClusterSettings(new ClusterSettings("test", null, 32, ClusterAuth.sha256Hex(clusterToken))));
        ClusterFiles.writeToken(dir.resolve("node-b"), clusterToken);
        a.serve(log, Throttle.NONE);
        b.serve(log, Throttle.NONE);
        log.apply(new Command.PutMember(a.member()));
        log.apply(new Command.PutMember(b.member()));
        curl = new Curl(Files.createDirectories(dir.resolve("curl")));
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    }

    private <T extends AutoCloseable> T open(T closeable) {
        closing.add(closeable);
        return closeable;
    }

    /** Fetches as node b does: presenting the cluster token it keeps in its data directory. */
    private BlobFetcher fetcher(BlobStore blobs) {
        return new BlobFetcher(blobs, ClusterBlobAccess.credentials(dir.resolve("node-b")), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    /** b's replicator, fetching from the members of b's state with a as the leader. */
    private BlobReplicator replicatorOnB(BlobReplicator.Settings settings) {
        BlobReplicator replicator = new BlobReplicator(new BlobInventory(b.state, b.blobs), fetcher(b.blobs),
                ReplicationSources.of(b.state, () -> Optional.of("a"), "b"), settings, System::nanoTime);
        replicator.start();
        return open(replicator);
    }

    private FileEntry upload(String path, byte[] content) throws Exception {
        Path source = Files.write(dir.resolve("upload.bin"), content);
        ApiAuth.NewToken admin = ApiAuth.newToken("admin", ApiAuth.ADMIN, 0, new SecureRandom());
        log.apply(new Command.PutToken(admin.token()));
        Curl.Response put = curl.run("-X", "PUT", "-H", "Authorization: Bearer " + admin.text(), "--data-binary",
                "@" + source, a.base() + FilesApi.PREFIX + "/" + path);
        assertEquals(201, put.status(), put.text());
        return b.state.file(path).orElseThrow();
    }

    private static byte[] random(long seed, int length) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static void await(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("not within " + limit + ": " + what);
            Thread.sleep(20);
        }
    }

    private static byte[] read(BlobStore blobs, FileEntry entry) throws IOException {
        try (StoredFile file = StoredFile.open(blobs, entry)) {
            byte[] out = new byte[(int) file.size()];
            int n = file.read(0, out, 0, out.length);
            assertEquals(out.length == 0 ? -1 : out.length, n);
            return out;
        }
    }

    private static long distinctBytes(FileEntry entry, Set<String> excluding) {
        Set<String> seen = new HashSet<>(excluding);
        return entry.chunks().stream().filter(c -> seen.add(c.sha256())).mapToLong(FileEntry.Chunk::size).sum();
    }

    @Test
    void aFollowerFetchesEveryChunkTheStateNamesAndVerifiesIt() throws Exception {
        byte[] image = random(1, 6 * 1024 * 1024 + 5);
        byte[] loader = random(2, 40_000);
        FileEntry big = upload("images/big.img", image);
        FileEntry small = upload("ipxe.efi", loader);
        BlobInventory inventory = new BlobInventory(b.state, b.blobs);
        assertEquals(big.chunks().size() + 1, inventory.missingBlobs());
        assertEquals(image.length + loader.length, inventory.missingBytes());

        BlobReplicator replicator = replicatorOnB(QUICK);
        await(() -> replicator.progress().phase().equals("in-sync"), Duration.ofSeconds(30), "b in sync");

        assertEquals(0, inventory.missingBlobs());
        for (FileEntry.Chunk chunk : big.chunks()) assertTrue(b.blobs.verify(chunk.sha256()));
        assertArrayEquals(image, read(b.blobs, big));
        assertArrayEquals(loader, read(b.blobs, small));
        ReplicationProgress progress = replicator.progress();
        assertEquals(big.chunks().size() + 1, progress.fetchedBlobs());
        assertEquals(image.length + loader.length, progress.fetchedBytes());
        assertEquals(0, progress.missingBlobs());
    }

    @Test
    void aTransferCutByTheSourceDyingContinuesWhereItStoppedAfterTheRestart() throws Exception {
        // One 6 MiB blob (as files stored before chunking are), sent at 2 MiB/s so it can be cut mid-way.
        a.kill();
        a.serve(log, new Throttle(2 * 1024 * 1024, System::nanoTime));
        log.apply(new Command.PutMember(a.member()));
        byte[] content = random(3, 6 * 1024 * 1024);
        BlobStore.Blob blob = a.blobs.put(new ByteArrayInputStream(content));
        FileEntry entry = FileEntry.wholeBlob("images/legacy.img", blob.sha256(), blob.size(), 0);
        log.apply(new Command.PutFile(entry));
        Path partial = b.blobs.partial(blob.sha256());

        BlobReplicator replicator = replicatorOnB(QUICK);
        await(() -> size(partial) >= 1024 * 1024, Duration.ofSeconds(20), "a first MiB received");
        a.kill();
        await(() -> replicator.progress().failedAttempts() > 0, Duration.ofSeconds(20), "the cut noticed");
        long kept = size(partial);
        assertTrue(kept >= 1024 * 1024 && kept < content.length, "partial copy kept: " + kept);
        assertFalse(b.blobs.has(blob.sha256()));

        a.serve(log, Throttle.NONE);
        log.apply(new Command.PutMember(a.member()));
        await(() -> replicator.progress().phase().equals("in-sync"), Duration.ofSeconds(30), "b in sync");

        assertTrue(b.blobs.verify(blob.sha256()));
        assertArrayEquals(content, read(b.blobs, entry));
        assertEquals(content.length, replicator.progress().fetchedBytes(),
                "the second attempt must ask only for what the first did not deliver");
        assertFalse(Files.exists(partial));
    }

    @Test
    void aDamagedCopyOnTheSourceIsRejectedAndAnotherMemberServesIt() throws Exception {
        byte[] content = random(4, 500_000);
        FileEntry entry = upload("vmlinuz", content);
        FileEntry.Chunk chunk = entry.chunks().getFirst();
        byte[] damaged = Files.readAllBytes(a.blobs.path(chunk.sha256()));
        damaged[1000] ^= 1;
        Files.write(a.blobs.path(chunk.sha256()), damaged);

        FetchOutcome outcome = fetcher(b.blobs).fetch(a.base(), chunk, n -> {});
        assertInstanceOf(FetchOutcome.Corrupt.class, outcome);
        assertFalse(b.blobs.has(chunk.sha256()), "a blob whose bytes do not match its name must not be stored");
        assertFalse(Files.exists(b.blobs.partial(chunk.sha256())), "the bad bytes must not be resumed from");

        TestPeer c = open(new TestPeer("c", dir));
        c.state.restore(b.state.snapshot());
        c.blobs.put(new ByteArrayInputStream(content));
        c.serve(log, Throttle.NONE);
        log.apply(new Command.PutMember(c.member()));
        BlobReplicator replicator = replicatorOnB(QUICK);
        await(() -> replicator.progress().phase().equals("in-sync"), Duration.ofSeconds(30), "b in sync");
        assertTrue(b.blobs.verify(chunk.sha256()));
        assertArrayEquals(content, read(b.blobs, entry));
    }

    @Test
    void aNewVersionOfALargeFileFetchesOnlyTheChunksThatChanged() throws Exception {
        byte[] v1 = random(5, 20 * 1000 * 1000);
        FileEntry first = upload("images/installer.iso", v1);
        BlobReplicator replicator = replicatorOnB(QUICK);
        await(() -> replicator.progress().phase().equals("in-sync"), Duration.ofSeconds(60), "v1 in sync");
        long afterFirst = replicator.progress().fetchedBytes();
        assertEquals(distinctBytes(first, Set.of()), afterFirst);

        byte[] v2 = v1.clone();
        System.arraycopy(random(6, 1000 * 1000), 0, v2, 9_500_000, 1000 * 1000);
        FileEntry second = upload("images/installer.iso", v2);
        await(() -> new BlobInventory(b.state, b.blobs).missingBlobs() == 0
                && replicator.progress().phase().equals("in-sync"), Duration.ofSeconds(60), "v2 in sync");

        long delta = replicator.progress().fetchedBytes() - afterFirst;
        Set<String> had = new HashSet<>();
        first.chunks().forEach(c -> had.add(c.sha256()));
        assertEquals(distinctBytes(second, had), delta, "exactly the chunks of v2 that v1 lacked travel");
        assertTrue(delta >= 1000 * 1000 && delta < 7 * 1000 * 1000,
                "1 MB changed in 20 MB should cost a few chunks, not the file: " + delta + " octets fetched");
        assertArrayEquals(v2, read(b.blobs, second));
    }

    @Test
    void aPeerWithoutAValidTokenGetsNothing() throws Exception {
        byte[] content = random(7, 10_000);
        FileEntry entry = upload("f", content);
        for (String credential : new String[] {ClusterAuth.authorization("another-cluster"), "Bearer 0123456789abcdef.wrong"}) {
            BlobFetcher stranger = new BlobFetcher(b.blobs, () -> credential, Duration.ofSeconds(2), Duration.ofSeconds(5));
            FetchOutcome outcome = stranger.fetch(a.base(), entry.chunks().getFirst(), n -> {});
            FetchOutcome.Failed failed = assertInstanceOf(FetchOutcome.Failed.class, outcome);
            assertTrue(failed.reason().contains("401"), failed.reason());
        }
        assertFalse(b.blobs.has(entry.chunks().getFirst().sha256()));
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
