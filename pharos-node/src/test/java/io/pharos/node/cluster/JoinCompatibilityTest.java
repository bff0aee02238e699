package io.pharos.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.node.StartupException;
import io.pharos.node.codec.PharosJson;
import io.pharos.node.http.HttpHost;
import io.pharos.node.http.HttpResponses;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Releases that cannot share a log are refused at join, on both sides, with what to do. */
class JoinCompatibilityTest {
    @TempDir
    Path dir;

    @Test
    void theLeaderRefusesANewerNodeAndAnOlderOne() throws Exception {
        try (TestNode n1 = TestNode.start("n1", dir.resolve("n1"), null, null, false, false)) {
            String admin = Http.admin(n1.createAdminToken());
            String token = Http.send(n1.url(), "POST", "/init", admin, "{\"vip\":\"none\"}").json().path("token").asText();
            String member = ClusterAuth.authorization(token);
            String newer = PharosJson.mapper().writeValueAsString(new ClusterWire.JoinRequest("n2", "127.0.0.1:1",
                    "127.0.0.1:2", false, "9.0.0", Compatibility.COMMAND_FORMAT, Compatibility.SNAPSHOT_FORMAT, true));
            Http.Answer refused = Http.send(n1.url(), "POST", "/members", member, newer);
            assertEquals(409, refused.status(), refused.toString());
            assertTrue(refused.error().contains("node 'n2' runs Pharos 9.0.0"), refused.error());
            assertTrue(refused.error().contains("join with Pharos " + Compatibility.VERSION), refused.error());

            String older = PharosJson.mapper().writeValueAsString(new ClusterWire.JoinRequest("n2", "127.0.0.1:1",
                    "127.0.0.1:2", false, Compatibility.VERSION, 0, Compatibility.SNAPSHOT_FORMAT, true));
            Http.Answer old = Http.send(n1.url(), "POST", "/members", member, older);
            assertEquals(409, old.status());
            assertTrue(old.error().contains("upgrade node 'n2' to Pharos " + Compatibility.VERSION), old.error());
            assertEquals(1, n1.raft.configuration().all().size(), "nothing joined");
        }
    }

    @Test
    void aJoinerRefusesAClusterOfANewerFormatAndStartsNothing() throws Exception {
        HttpHost fake = HttpHost.start(new InetSocketAddress("127.0.0.1", 0));
        try {
            ClusterWire.Info info = new ClusterWire.Info("lab", "pharos", "0.9.0", Compatibility.COMMAND_FORMAT + 1,
                    Compatibility.SNAPSHOT_FORMAT, "n1", 10, Map.of("n1", "127.0.0.1:1"), Map.of(), null, List.of());
            fake.mount(ClusterApi.PREFIX, exchange -> HttpResponses.json(exchange, 200, info));
            String url = "http://127.0.0.1:" + fake.address().getPort();
            Path data = dir.resolve("n2");
            StartupException e = assertThrows(StartupException.class,
                    () -> TestNode.start("n2", data, url, "token", false, false));
            assertTrue(e.getMessage().startsWith("this node runs Pharos " + Compatibility.VERSION), e.getMessage());
            assertTrue(e.getMessage().contains("upgrade this node to Pharos 0.9.0"), e.getMessage());
            assertFalse(Files.exists(data.resolve("raft")), "no Raft server was started");
        } finally {
            fake.stop();
        }
    }

    @Test
    void aJoinerRefusesAnUninitialisedClusterAndAWrongToken() throws Exception {
        try (TestNode n1 = TestNode.start("n1", dir.resolve("n1"), null, null, false, false)) {
            StartupException notInit = assertThrows(StartupException.class,
                    () -> TestNode.start("n2", dir.resolve("n2"), n1.url(), "whatever", false, false));
            assertTrue(notInit.getMessage().contains("pharos cluster init"), notInit.getMessage());

            String admin = Http.admin(n1.createAdminToken());
            Http.send(n1.url(), "POST", "/init", admin, "{\"vip\":\"none\"}");
            StartupException wrong = assertThrows(StartupException.class,
                    () -> TestNode.start("n2", dir.resolve("n2"), n1.url(), "not-the-token", false, false));
            assertTrue(wrong.getMessage().contains("answered 401"), wrong.getMessage());
            assertTrue(wrong.getMessage().contains("copy it again"), wrong.getMessage());
        }
    }
}
