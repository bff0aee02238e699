package io.pharos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Membership and switchover with real processes: a node joining after files exist gets their bytes
 * (ARCHITECTURE invariant 5), a node is removed, operators switch over with signals, and an observer never
 * becomes active. The tests share one cluster and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaMembershipE2E {
    private static final String FILE = "images/e2e-ha.img";
    private ClusterLab cluster;
    private Path upload;

    @BeforeAll
    void startCluster() throws IOException {
        Requirements.assumeRoot();
        Requirements.assumeBinaries("curl", "iptables-legacy");
        cluster = ClusterLab.start(3);
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(bytes);
        upload = Files.write(cluster.lab().workDir().resolve("upload.img"), bytes);
    }

    /** Refuses (or allows again) TCP from a node to other nodes' HTTP port: the path file bytes take between nodes. */
    private static void holdBackFiles(ClusterNode node, boolean hold) {
        Exec.run(Duration.ofSeconds(10), List.of("ip", "netns", "exec", node.namespace(), "iptables-legacy",
                hold ? "-I" : "-D", "OUTPUT", "!", "-o", "lo", "-p", "tcp", "--dport", Integer.toString(ClusterNode.HTTP_PORT),
                "-j", "REJECT")).orFail();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void aNodeJoiningAfterAFileExistsGetsItsBytesAndTheClusterIsFailoverSafe() throws InterruptedException {
        ClusterNode active = cluster.awaitSingleVipHolder(Duration.ofSeconds(15));
        List<ClusterNode> passives = cluster.nodes().stream().filter(n -> n != active).toList();
        // The passives hold the whole log but cannot fetch the file's bytes: HTTP to the active is refused
        // in their namespaces, Raft (another port) still flows.
        for (ClusterNode passive : passives) holdBackFiles(passive, true);
        try {
            active.api().putFile("/files/" + FILE, upload).ok();
            for (int i = 0; i < 6; i++) {
                ExecResult unsafe = active.cli("cluster", "failover-safe");
                assertEquals(1, unsafe.exitCode(), "no passive has the file's bytes yet: " + unsafe.describe());
                Thread.sleep(500);
            }
            for (ClusterNode passive : passives) {
                long missing = passive.api().get("/cluster/local").ok().json().path("missingBlobs").asLong(-1);
                assertTrue(missing > 0, passive.id() + " must report the file's chunks it lacks, not " + missing);
            }
        } finally {
            for (ClusterNode passive : passives) holdBackFiles(passive, false);
        }
        ExecResult safe = active.cli("cluster", "failover-safe", "--wait", "30s");
        assertEquals(0, safe.exitCode(), "with every blob on the passives the cluster must be failover-safe: " + safe.describe());

        ClusterNode n4 = cluster.join("n4");
        assertEquals(Sha256.of(upload), Sha256.of(download(n4, FILE, Duration.ofSeconds(30))),
                "the joined node must serve the file that existed before it joined, from its own store");
        JsonNode local = n4.api().get("/cluster/local").ok().json();
        assertEquals(0, local.path("missingBlobs").asLong(-1), "n4 reports missing blobs: " + local);
    }

    @Test
    @Order(2)
    void aRemovedNodeLeavesTheConfiguration() {
        ClusterNode n4 = cluster.node("n4");
        ClusterNode active = cluster.awaitSingleVipHolder(Duration.ofSeconds(15));
        active.cli("cluster", "remove", "n4").orFail();
        List<String> members = memberIds(active);
        assertFalse(members.contains("n4"), "n4 is still listed after removal: " + members);
        n4.kill9();
        // Three voters remain: losing one more must still leave an active node.
        assertEquals(List.of("n1", "n2", "n3"), members.stream().sorted().toList());
    }

    @Test
    @Order(3)
    void sigusr2MakesTheActiveStepDownAndSigusr1MakesAPassiveActive() {
        ClusterNode active = cluster.awaitSingleVipHolder(Duration.ofSeconds(15));
        active.signal("USR2");
        ClusterNode next = awaitHolderOtherThan(active, Duration.ofSeconds(15));
        assertNotEquals(active.id(), next.id());
        assertTrue(!active.holdsAddress(ClusterLab.VIP), active.id() + " kept the VIP after SIGUSR2");

        ClusterNode chosen = cluster.nodes().stream().filter(n -> n.alive() && n != next && n != active).findFirst()
                .orElseThrow();
        chosen.signal("USR1");
        assertEquals(chosen.id(), cluster.awaitVipOn(chosen, Duration.ofSeconds(15)).id(),
                "SIGUSR1 to the passive " + chosen.id() + " must make it active");
    }

    @Test
    @Order(4)
    void anObserverNeverBecomesActiveEvenWhenTheActiveIsKilled() {
        ClusterNode observer = cluster.join("n5", "--observer");
        HaVipSamples samples = new HaVipSamples();
        for (int round = 0; round < 2; round++) {
            ClusterNode active = cluster.awaitSingleVipHolder(Duration.ofSeconds(15));
            active.kill9();
            ClusterNode next = awaitHolderOtherThan(active, Duration.ofSeconds(15), samples);
            assertNotEquals(observer.id(), next.id(), "the observer became active");
            samples.sampleFor(cluster, Duration.ofSeconds(1));
            active.start();
        }
        assertTrue(samples.all().stream().noneMatch(s -> s.holders().contains(observer.id())),
                "the observer held the VIP: " + samples.all());
        assertEquals(List.of(), samples.overlaps(), "two nodes held the VIP at once");
        assertEquals(List.of(), observer.logLines("-> fencing]"), "the observer tried to take over");
        assertEquals(Sha256.of(upload), Sha256.of(download(observer, FILE, Duration.ofSeconds(30))),
                "the observer replicates files too");
    }

    private ClusterNode awaitHolderOtherThan(ClusterNode old, Duration timeout) {
        return awaitHolderOtherThan(old, timeout, new HaVipSamples());
    }

    private ClusterNode awaitHolderOtherThan(ClusterNode old, Duration timeout, HaVipSamples samples) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<ClusterNode> holders = samples.sample(cluster);
            if (holders.size() == 1 && holders.getFirst() != old) return holders.getFirst();
            ClusterLab.sleep(50);
        }
        throw new AssertionError("no node other than " + old.id() + " took the VIP within " + timeout.toSeconds() + " s");
    }

    private static List<String> memberIds(ClusterNode node) {
        List<String> ids = new ArrayList<>();
        node.cliJson("cluster", "status", "-o", "json").path("members").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    /** The file as the node's own API serves it, retried (bounded) while it answers non-2xx (not replicated yet). */
    private Path download(ClusterNode node, String file, Duration timeout) {
        Path out = cluster.lab().workDir().resolve("download-" + node.id() + ".img");
        long deadline = System.nanoTime() + timeout.toNanos();
        ExecResult last = null;
        while (System.nanoTime() < deadline) {
            last = cluster.lab().exec(node.namespace(), Duration.ofSeconds(20), "curl", "-sS", "-f", "-o", out.toString(),
                    "-H", "Authorization: Bearer " + cluster.adminToken(), "http://127.0.0.1:8080/api/v1/files/" + file);
            if (last.ok()) return out;
            ClusterLab.sleep(500);
        }
        throw new AssertionError(node.id() + " did not serve " + file + " within " + timeout.toSeconds() + " s: "
                + (last == null ? "" : last.describe()));
    }
}
