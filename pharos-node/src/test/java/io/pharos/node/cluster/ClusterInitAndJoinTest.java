package io.pharos.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pharos.core.model.Member;
import io.pharos.node.raft.RaftRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node is initialised as a cluster, a voter and an observer join it through the cluster API, and the
 * cluster routes answer from any node (forwarded to the leader where only it knows).
 */
class ClusterInitAndJoinTest {
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

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    private static Set<String> ids(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).collect(Collectors.toSet());
    }

    @Test
    void initCreatesTheTokenAndJoinersBecomeAVoterAndAnObserver() throws Exception {
        TestNode n1 = started(TestNode.start("n1", dir.resolve("n1"), null, null, false, false));
        String admin = Http.admin(n1.createAdminToken());

        Http.Answer init = Http.send(n1.url(), "POST", "/init", admin, "{\"vip\":\"10.0.0.10/24\",\"clusterId\":\"lab\"}");
        assertEquals(201, init.status(), init.toString());
        String token = init.json().path("token").asText();
        assertEquals(43, token.length(), "256 bits, URL-safe base64");
        assertEquals("10.0.0.10/24", init.json().path("vip").asText());
        assertTrue(init.json().path("join").asText().contains("--join " + n1.url() + " --cluster-token " + token));
        assertEquals(token, ClusterFiles.readToken(n1.dataDir).orElseThrow());
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(ClusterFiles.directory(n1.dataDir).resolve(ClusterFiles.TOKEN)));
        assertEquals(ClusterAuth.sha256Hex(token), n1.raft.state().cluster().joinTokenSha256());

        Http.Answer again = Http.send(n1.url(), "POST", "/init", admin, "{\"vip\":\"10.0.0.11/24\"}");
        assertEquals(409, again.status());
        assertTrue(again.error().contains("--force"), again.error());

        TestNode n2 = started(TestNode.start("n2", dir.resolve("n2"), n1.url(), token, false, false));
        TestNode o1 = started(TestNode.start("o1", dir.resolve("o1"), n1.url(), token, true, false));
        assertTrue(n2.output().contains("caught up at log index"), n2.output());
        assertEquals(n1.raft.state().snapshot(), n2.raft.state().snapshot(), "the joiner holds the leader's state");
        assertEquals(Set.of("n1", "n2"), n1.raft.configuration().voters().keySet());
        assertEquals(Set.of("o1"), n1.raft.configuration().listeners().keySet());
        await("o1 knows every member record", () -> o1.raft.state().members().size() == 3);
        Member recorded = o1.raft.state().member("n2").orElseThrow();
        assertEquals(n2.plan.httpAddress(), recorded.httpAddress());
        assertEquals(token, ClusterFiles.readToken(n2.dataDir).orElseThrow(), "a joiner keeps the token too");

        Http.Answer forced = Http.send(n1.url(), "POST", "/init", admin, "{\"vip\":\"none\",\"force\":true}");
        assertEquals(409, forced.status());
        assertTrue(forced.error().contains("[n2, o1]"), forced.error());

        // Asked at a follower: forwarded to the leader, with the caller's own token.
        await("n2 follows", () -> n2.raft.role() == RaftRole.FOLLOWER);
        Http.Answer status = Http.get(n2.url(), "/status", admin);
        assertEquals(200, status.status(), status.toString());
        assertEquals("n1", status.json().path("leader").asText());
        assertEquals("lab", status.json().path("clusterId").asText());
        assertEquals(Set.of("n1", "n2", "o1"), ids(status.json().path("members"), "id"));
        for (JsonNode m : status.json().path("members")) {
            assertEquals(m.path("id").asText().equals("o1") ? "observer" : "voter", m.path("kind").asText());
            assertEquals(m.path("id").asText(), m.path("local").path("id").asText(), "each member answered for itself");
        }

        Http.Answer leader = Http.get(o1.url(), "/leader", admin);
        assertEquals("n1", leader.json().path("leader").asText());
        assertEquals(n1.plan.httpAddress(), leader.json().path("httpAddress").asText());
        assertEquals("o1", leader.json().path("answeredBy").asText());
        assertEquals("lab", Http.get(o1.url(), "/id", admin).json().path("clusterId").asText());
        assertEquals("n1", Http.get(n2.url(), "/active", admin).json().path("active").asText());
    }

    @Test
    void theClusterTokenMayReadAndJoinButNotChangeTheGroup() throws Exception {
        TestNode n1 = started(TestNode.start("n1", dir.resolve("n1"), null, null, false, false));
        String admin = Http.admin(n1.createAdminToken());
        Http.Answer before = Http.get(n1.url(), "/info", ClusterAuth.authorization("anything"));
        assertEquals(401, before.status());
        assertTrue(before.error().contains("not initialised"), before.error());

        String token = Http.send(n1.url(), "POST", "/init", admin, "{\"vip\":\"none\"}").json().path("token").asText();
        String member = ClusterAuth.authorization(token);
        Http.Answer info = Http.get(n1.url(), "/info", member);
        assertEquals(200, info.status(), info.toString());
        assertEquals(Compatibility.VERSION, info.json().path("version").asText());
        assertEquals("pharos", info.json().path("raftGroup").asText());
        assertFalse(info.json().has("vip"), "no VIP: left out");

        Http.Answer wrong = Http.get(n1.url(), "/info", ClusterAuth.authorization(token + "x"));
        assertEquals(401, wrong.status());
        assertTrue(wrong.error().contains("DATA/cluster/token"), wrong.error());
        assertEquals(403, Http.send(n1.url(), "DELETE", "/members/n2", member, null).status());
        assertEquals(403, Http.send(n1.url(), "POST", "/transfer", member, "{}").status());
        assertEquals(401, Http.get(n1.url(), "/status", null).status(), "no credentials at all");
        assertEquals(405, Http.send(n1.url(), "PUT", "/members", admin, "{}").status());
        assertEquals(404, Http.get(n1.url(), "/nothing", admin).status());
    }

    @Test
    void failoverSafeNeedsAnotherVoterWithTheWholeLogAndEveryBlob() throws Exception {
        TestNode n1 = started(TestNode.start("n1", dir.resolve("n1"), null, null, false, false));
        String admin = Http.admin(n1.createAdminToken());
        String token = Http.send(n1.url(), "POST", "/init", admin, "{\"vip\":\"10.0.0.10/24\"}").json().path("token").asText();

        JsonNode alone = Http.get(n1.url(), "/failover-safe", admin).json();
        assertFalse(alone.path("safe").asBoolean());
        assertTrue(alone.path("reasons").toString().contains("no voter besides the active"), alone.toString());

        TestNode o1 = started(TestNode.start("o1", dir.resolve("o1"), n1.url(), token, true, false));
        JsonNode withObserver = Http.get(n1.url(), "/failover-safe", admin).json();
        assertFalse(withObserver.path("safe").asBoolean(), "an observer never takes over: " + withObserver);

        TestNode n2 = started(TestNode.start("n2", dir.resolve("n2"), n1.url(), token, false, false));
        n2.missingBlobs.set(3);
        JsonNode missing = Http.get(n1.url(), "/failover-safe", admin).json();
        assertFalse(missing.path("safe").asBoolean(), missing.toString());
        assertTrue(missing.path("reasons").path("n2").asText().contains("missing 3 file blob"), missing.toString());

        n2.missingBlobs.set(0);
        await("n2 is a failover candidate", () -> {
            try {
                JsonNode safe = Http.get(o1.url(), "/failover-safe", admin).json();
                return safe.path("safe").asBoolean() && safe.path("candidates").toString().equals("[\"n2\"]");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        n2.close();
        await("a silent voter does not count", () -> {
            try {
                return !Http.get(n1.url(), "/failover-safe", admin).json().path("safe").asBoolean();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}
