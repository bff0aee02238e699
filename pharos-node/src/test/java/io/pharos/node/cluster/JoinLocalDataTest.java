package io.pharos.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.node.StartupException;
import io.pharos.node.raft.RaftNode;
import io.pharos.node.raft.RaftRole;
import io.pharos.node.raft.RaftSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A joining node's own data: kept unless --force, then moved aside (never deleted); a rejoin resumes. */
class JoinLocalDataTest {
    @TempDir
    Path dir;

    private final List<TestNode> nodes = new ArrayList<>();

    @AfterEach
    void closeAll() {
        nodes.reversed().forEach(TestNode::close);
    }

    private TestNode started(TestNode node) {
        nodes.add(node);
        return node;
    }

    /** The first node, initialised; answers the cluster token. */
    private String cluster(TestNode n1) throws Exception {
        String admin = Http.admin(n1.createAdminToken());
        return Http.send(n1.url(), "POST", "/init", admin, "{\"vip\":\"10.0.0.10/24\"}").json().path("token").asText();
    }

    /** Runs a single node in dataDir once, so that it holds a log of its own. */
    private static void runAlone(Path dataDir) throws Exception {
        try (RaftNode alone = RaftNode.start(RaftSettings.singleNode("n2", dataDir, "127.0.0.1:" + TestNode.freePort()))) {
            alone.awaitLeader(java.time.Duration.ofSeconds(20));
            assertEquals(Result.OK, alone.commandLog().submit(new Command.PutParam("mine", "precious")).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void existingDataIsRefusedWithoutForceAndMovedAsideWithIt() throws Exception {
        TestNode n1 = started(TestNode.start("n1", dir.resolve("n1"), null, null, false, false));
        String token = cluster(n1);
        Path n2Data = dir.resolve("n2");
        runAlone(n2Data);
        assertTrue(LocalData.hasRaftEntries(n2Data));

        StartupException refused = assertThrows(StartupException.class,
                () -> TestNode.start("n2", n2Data, n1.url(), token, false, false));
        assertTrue(refused.getMessage().contains("already holds a Raft log"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
        assertTrue(Files.isDirectory(n2Data.resolve("raft")), "nothing was moved");
        assertEquals(1, n1.raft.configuration().all().size(), "and nothing joined");

        TestNode n2 = started(TestNode.start("n2", n2Data, n1.url(), token, false, true));
        Path aside = n2Data.resolve("raft.discarded-20260102-030405");
        assertTrue(n2.output().contains("moved this node's previous data " + n2Data.resolve("raft") + " aside to " + aside),
                n2.output());
        assertTrue(hasLog(aside), "the old log is kept in " + aside);
        assertFalse(n2.raft.state().params().containsKey("mine"), "the joiner holds the cluster's state, not its own");
        assertEquals(n1.raft.state().snapshot(), n2.raft.state().snapshot());
    }

    private static boolean hasLog(Path raftDir) throws Exception {
        try (Stream<Path> files = Files.walk(raftDir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("log_"));
        }
    }

    @Test
    void aJoinedNodeRestartsAsAMemberWithOrWithoutTheJoinFlags() throws Exception {
        TestNode n1 = started(TestNode.start("n1", dir.resolve("n1"), null, null, false, false));
        String token = cluster(n1);
        TestNode n2 = TestNode.start("n2", dir.resolve("n2"), n1.url(), token, false, false);
        started(TestNode.start("n3", dir.resolve("n3"), n1.url(), token, false, false));
        n2.close();
        assertEquals(Result.OK, n1.raft.commandLog().submit(new Command.PutParam("while", "away")).get(10, TimeUnit.SECONDS));

        // Same flags again (as a service unit would): resumes, does not join afresh.
        TestNode again = started(TestNode.start(n2.plan));
        assertTrue(again.output().contains("joined before"), again.output());
        assertTrue(again.output().contains("member of a group of voters [n1, n2, n3]"), again.output());
        long applied = n1.raft.appliedIndex();
        ClusterInitAndJoinTest.await("n2 catches up", () -> again.raft.appliedIndex() >= applied);
        assertEquals("away", again.raft.state().params().get("while"));
        again.close();
        nodes.remove(again);

        ClusterJoin.Plan plain = new ClusterJoin.Plan("n2", n2.dataDir, n2.plan.raftAddress(), n2.plan.httpAddress(),
                "", "", false, false);
        TestNode without = started(TestNode.start(plain));
        assertEquals(RaftRole.FOLLOWER, without.raft.role());
        assertEquals(List.of("n1", "n2", "n3"), List.copyOf(without.raft.configuration().voters().keySet()));
    }

    @Test
    void anObserverRestartsAsAnObserverAndStillNeverLeads() throws Exception {
        TestNode n1 = started(TestNode.start("n1", dir.resolve("n1"), null, null, false, false));
        String token = cluster(n1);
        TestNode o1 = TestNode.start("o1", dir.resolve("o1"), n1.url(), token, true, false);
        o1.close();

        ClusterJoin.Plan plain = new ClusterJoin.Plan("o1", o1.dataDir, o1.plan.raftAddress(), o1.plan.httpAddress(),
                "", "", false, false);
        TestNode again = started(TestNode.start(plain));
        assertTrue(again.raft.configuration().isListener("o1"), "its role comes from its stored configuration");
        assertTrue(again.output().contains("observers [o1]"), again.output());
        n1.close();
        long until = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < until) {
            assertFalse(again.raft.isLeaderReady() || again.raft.role() == RaftRole.LEADER_ELECTED);
            Thread.sleep(20);
        }
    }

    @Test
    void aNodeRemovedWhileDownIsToldSoAndRejoinsAfreshWithForce() throws Exception {
        TestNode n1 = started(TestNode.start("n1", dir.resolve("n1"), null, null, false, false));
        String admin = Http.admin(n1.createAdminToken());
        String token = Http.send(n1.url(), "POST", "/init", admin, "{\"vip\":\"none\"}").json().path("token").asText();
        started(TestNode.start("n2", dir.resolve("n2"), n1.url(), token, false, false));
        TestNode n3 = TestNode.start("n3", dir.resolve("n3"), n1.url(), token, false, false);
        n3.close();
        assertEquals(200, Http.send(n1.url(), "DELETE", "/members/n3", admin, null).status());

        StartupException removed = assertThrows(StartupException.class, () -> TestNode.start(n3.plan));
        assertTrue(removed.getMessage().contains("no longer a member of cluster 'pharos'"), removed.getMessage());
        assertTrue(removed.getMessage().contains("--force"), removed.getMessage());

        ClusterJoin.Plan forced = new ClusterJoin.Plan("n3", n3.dataDir, n3.plan.raftAddress(), n3.plan.httpAddress(),
                n1.url(), token, false, true);
        TestNode back = started(TestNode.start(forced));
        assertTrue(back.output().contains("--force: joining afresh"), back.output());
        assertEquals(java.util.Set.of("n1", "n2", "n3"), n1.raft.configuration().voters().keySet());
        assertEquals(n1.raft.state().snapshot(), back.raft.state().snapshot());
    }
}
