package io.pharos.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.node.raft.RaftRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remove and transfer as an operator does them: an admin token, any node's API. */
class ChangeThroughApiTest {
    @TempDir
    Path dir;

    private final List<TestNode> nodes = new ArrayList<>();

    @AfterEach
    void closeAll() {
        nodes.reversed().forEach(TestNode::close);
    }

    @Test
    void removeAndTransferFromAnyNode() throws Exception {
        TestNode n1 = TestNode.start("n1", dir.resolve("n1"), null, null, false, false);
        nodes.add(n1);
        String admin = Http.admin(n1.createAdminToken());
        String token = Http.send(n1.url(), "POST", "/init", admin, "{\"vip\":\"10.0.0.10/24\"}").json().path("token").asText();
        TestNode n2 = TestNode.start("n2", dir.resolve("n2"), n1.url(), token, false, false);
        nodes.add(n2);
        TestNode n3 = TestNode.start("n3", dir.resolve("n3"), n1.url(), token, false, false);
        nodes.add(n3);
        ClusterInitAndJoinTest.await("n2 follows", () -> n2.raft.role() == RaftRole.FOLLOWER);

        Http.Answer leaderItself = Http.send(n2.url(), "DELETE", "/members/n1", admin, null);
        assertEquals(409, leaderItself.status(), leaderItself.toString());
        assertTrue(leaderItself.error().contains("pharos cluster transfer"), leaderItself.error());
        assertEquals(404, Http.send(n2.url(), "DELETE", "/members/n9", admin, null).status());

        Http.Answer removed = Http.send(n2.url(), "DELETE", "/members/n3", admin, null);
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(Set.of("n1", "n2"), n1.raft.configuration().voters().keySet());
        assertTrue(n1.raft.state().member("n3").isEmpty(), "its member record is gone too");
        ClusterInitAndJoinTest.await("n2 forgets n3", () -> n2.raft.state().member("n3").isEmpty());

        Http.Answer moved = Http.send(n1.url(), "POST", "/transfer", admin, "{\"to\":\"n2\"}");
        assertEquals(200, moved.status(), moved.toString());
        assertEquals("n1", moved.json().path("from").asText());
        assertEquals("n2", moved.json().path("to").asText());
        ClusterInitAndJoinTest.await("n2 leads", n2.raft::isLeaderReady);
        assertFalse(n1.raft.isLeaderReady());
        ClusterInitAndJoinTest.await("n1 follows n2", () -> n1.raft.leaderId().orElse("").equals("n2"));
        Http.Answer status = Http.get(n1.url(), "/status", admin);
        assertEquals("n2", status.json().path("leader").asText(), status.toString());

        Http.Answer back = Http.send(n1.url(), "POST", "/transfer", admin, "");
        assertEquals(200, back.status(), back.toString());
        assertEquals("n1", back.json().path("to").asText(), "the only other voter holds the most log");
        Http.Answer observer = Http.send(n1.url(), "POST", "/transfer", admin, "{\"to\":\"n3\"}");
        assertTrue(observer.status() == 404 || observer.status() == 503, "n3 left the group: " + observer);
    }
}
