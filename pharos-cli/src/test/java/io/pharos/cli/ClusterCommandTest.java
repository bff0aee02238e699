package io.pharos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code pharos cluster ...}: the requests each command sends, what it prints, and its exit code. */
class ClusterCommandTest {
    private static final String API = "http://127.0.0.1:8080/api/v1/cluster";
    private static final String PEERS = """
            [{"id":"n1","kind":"voter","raftAddress":"10.0.0.1:9870","httpAddress":"10.0.0.1:8080","matchIndex":40,
              "lag":0,"replication":"leader","lastContactMillis":0,"local":{"appliedIndex":40,"missingBlobs":0}},
             {"id":"o1","kind":"observer","raftAddress":"10.0.0.3:9870","httpAddress":"10.0.0.3:8080","matchIndex":12,
              "lag":28,"replication":"catching-up","lastContactMillis":-1,"problem":"cannot reach http://10.0.0.3:8080"}]""";

    private static JsonNode json(String text) throws IOException {
        return CliJson.MAPPER.readTree(text);
    }

    @Test
    void initSendsTheVipAndPrintsTheTokenAndTheJoinLine() throws IOException {
        RecordingTransport transport = new RecordingTransport().answer(201, """
                {"clusterId":"lab","vip":"10.0.0.10/24","token":"T0K3N",
                 "join":"pharos serve --join http://10.0.0.1:8080 --cluster-token T0K3N --node-id NAME --raft-address HOST:PORT"}""");
        CliRun run = CliRun.run(transport, "--token", "abc.def", "cluster", "init", "--vip", "10.0.0.10/24", "--cluster-id", "lab");

        assertEquals(0, run.exitCode(), run.err());
        RecordingTransport.Sent sent = transport.only();
        assertEquals("POST", sent.method());
        assertEquals(API + "/init", sent.uri());
        assertEquals("Bearer abc.def", sent.header("Authorization"));
        assertEquals(json("{\"vip\":\"10.0.0.10/24\",\"force\":false,\"clusterId\":\"lab\"}"), json(sent.bodyText()));
        assertTrue(run.out().contains("cluster 'lab' initialised (VIP 10.0.0.10/24)"), run.out());
        assertTrue(run.out().contains("\n  T0K3N\n"), run.out());
        assertTrue(run.out().contains("pharos serve --join http://10.0.0.1:8080 --cluster-token T0K3N"), run.out());
    }

    @Test
    void initRefusedASecondTimeExitsOneWithTheServersReason() {
        RecordingTransport transport = new RecordingTransport().answer(409,
                "{\"error\":\"cluster 'lab' is already initialised (VIP none); ... run init again with --force\"}");
        CliRun run = CliRun.run(transport, "cluster", "init", "--vip", "none");
        assertEquals(ExitCode.REFUSED, run.exitCode());
        assertTrue(run.err().contains("already initialised"), run.err());
    }

    @Test
    void joinAsksTheGivenClusterWithItsTokenAndPrintsTheServeLine() {
        RecordingTransport transport = new RecordingTransport().answer(200, """
                {"clusterId":"lab","raftGroup":"pharos","version":"%s","leader":"n1",
                 "voters":{"n1":"10.0.0.1:9870","n2":"10.0.0.2:9870"},"observers":{}}""".formatted(VersionProvider.version()));
        CliRun run = CliRun.run(transport, "--token", "abc.def", "cluster", "join", "http://10.0.0.1:8080/",
                "--cluster-token", "T0K3N", "--node-id", "n3", "--raft-address", "10.0.0.3:9870", "--observer");

        assertEquals(0, run.exitCode(), run.err());
        RecordingTransport.Sent sent = transport.only();
        assertEquals("GET", sent.method());
        assertEquals("http://10.0.0.1:8080/api/v1/cluster/info", sent.uri());
        assertEquals("Bearer cluster.T0K3N", sent.header("Authorization"), "the cluster token, not the API token");
        assertTrue(run.out().contains("voters n1, n2, observers -"), run.out());
        assertTrue(run.out().contains("  pharos serve --join http://10.0.0.1:8080 --cluster-token T0K3N --node-id n3 "
                + "--raft-address 10.0.0.3:9870 --observer"), run.out());
        assertFalse(run.err().contains("warning"), run.err());
    }

    @Test
    void joinWarnsWhenTheClusterRunsAnotherReleaseAndRefusesABadUrl() {
        RecordingTransport transport = new RecordingTransport().answer(200,
                "{\"clusterId\":\"lab\",\"version\":\"9.9.0\",\"voters\":{\"n1\":\"h:1\"},\"observers\":{}}");
        CliRun run = CliRun.run(transport, "cluster", "join", "http://10.0.0.1:8080", "--cluster-token", "T");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("the cluster runs Pharos 9.9.0"), run.err());
        assertTrue(run.out().contains("--node-id NAME --raft-address HOST:PORT"), run.out());

        CliRun bad = CliRun.run(new RecordingTransport(), "cluster", "join", "10.0.0.1:8080", "--cluster-token", "T");
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("not a URL like http://10.0.0.2:8080"), bad.err());
    }

    @Test
    void removeAndTransferSendWhatTheySay() throws IOException {
        RecordingTransport transport = new RecordingTransport().answer(200, "{\"removed\":\"n3\"}")
                .answer(200, "{\"from\":\"n1\",\"to\":\"n2\"}").answer(200, "{\"from\":\"n2\",\"to\":\"n1\"}");
        CliRun remove = CliRun.run(transport, "cluster", "remove", "n3");
        CliRun chosen = CliRun.run(transport, "cluster", "transfer", "n2");
        CliRun any = CliRun.run(transport, "-o", "json", "cluster", "transfer");

        assertEquals("DELETE", transport.sent.get(0).method());
        assertEquals(API + "/members/n3", transport.sent.get(0).uri());
        assertTrue(remove.out().startsWith("removed n3 from the cluster; stop its Pharos"), remove.out());
        assertEquals(json("{\"to\":\"n2\"}"), json(transport.sent.get(1).bodyText()));
        assertEquals("leadership moved from n1 to n2\n", chosen.out());
        assertEquals(json("{}"), json(transport.sent.get(2).bodyText()));
        assertEquals(json("{\"from\":\"n2\",\"to\":\"n1\"}"), json(any.out()));
    }

    @Test
    void peersIsATableAndJsonIsTheServersDocument() throws IOException {
        RecordingTransport transport = new RecordingTransport().answer(200, PEERS).answer(200, PEERS);
        CliRun table = CliRun.run(transport, "cluster", "peers");
        CliRun doc = CliRun.run(transport, "cluster", "peers", "-o", "json");

        assertEquals(API + "/peers", transport.sent.getFirst().uri());
        String[] lines = table.out().split("\n");
        assertTrue(lines[0].startsWith("ID  KIND      RAFT"), table.out());
        assertTrue(lines[1].matches("n1 +voter +10\\.0\\.0\\.1:9870 .* leader +0ms ago +40 +0"), lines[1]);
        assertTrue(lines[2].contains("catching-up  never"), lines[2]);
        assertTrue(lines[2].endsWith("cannot reach http://10.0.0.3:8080"), lines[2]);
        assertEquals(json(PEERS), json(doc.out()));
    }

    @Test
    void statusSummarisesThenListsTheMembers() {
        RecordingTransport transport = new RecordingTransport().answer(200, """
                {"clusterId":"lab","vip":"10.0.0.10/24","leader":"n1","active":"n1","commitIndex":40,"members":%s,
                 "failoverSafe":{"safe":false,"reasons":{"n2":"is 3 log entries behind (streaming)"}}}""".formatted(PEERS));
        CliRun run = CliRun.run(transport, "cluster", "status");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("cluster        lab (VIP 10.0.0.10/24)\nleader         n1   active n1   commit index 40\n"
                + "failover-safe  no: n2 is 3 log entries behind (streaming)\n"), run.out());
        assertTrue(run.out().contains("\nID  KIND"), run.out());
    }

    @Test
    void failoverSafeExitsZeroWhenSafeAndOneWhenNot() {
        CliRun safe = CliRun.run(new RecordingTransport().answer(200, "{\"safe\":true,\"candidates\":[\"n2\"],\"reasons\":{}}"),
                "cluster", "failover-safe");
        assertEquals(ExitCode.OK, safe.exitCode(), safe.err());
        assertEquals("yes: n2 can take over without loss\n", safe.out());

        CliRun unsafe = CliRun.run(new RecordingTransport().answer(200,
                "{\"safe\":false,\"candidates\":[],\"reasons\":{\"n2\":\"is missing 2 file blob(s)\"}}"), "cluster", "failover-safe");
        assertEquals(ExitCode.REFUSED, unsafe.exitCode());
        assertEquals("no: n2 is missing 2 file blob(s)\n", unsafe.out());
    }

    @Test
    void failoverSafeWaitsAsksAgainAndStopsOnceSafe() {
        RecordingTransport transport = new RecordingTransport()
                .answer(200, "{\"safe\":false,\"reasons\":{\"n2\":\"is 5 log entries behind\"}}")
                .answer(200, "{\"safe\":false,\"reasons\":{\"n2\":\"is 1 log entries behind\"}}")
                .answer(200, "{\"safe\":true,\"candidates\":[\"n2\"]}");
        CliRun run = CliRun.run(transport, "cluster", "failover-safe", "--wait", "1m");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals(3, transport.sent.size(), "asked until safe, then stopped");

        RecordingTransport never = new RecordingTransport();
        for (int i = 0; i < 3; i++) never.answer(200, "{\"safe\":false,\"reasons\":{}}");
        CliRun timedOut = CliRun.run(never, "-o", "json", "cluster", "failover-safe", "--wait", "1s");
        assertEquals(ExitCode.REFUSED, timedOut.exitCode());
        assertEquals(3, never.sent.size(), "1s at one question per 500 ms, and the first");
        assertTrue(timedOut.out().contains("\"safe\" : false"), timedOut.out());
    }

    @Test
    void activeLeaderAndIdPrintOneLineOrExitOne() {
        CliRun active = CliRun.run(new RecordingTransport().answer(200, "{\"active\":\"n1\",\"httpAddress\":\"10.0.0.1:8080\"}"),
                "cluster", "active");
        assertEquals("n1 (http 10.0.0.1:8080)\n", active.out());
        CliRun none = CliRun.run(new RecordingTransport().answer(200, "{\"vip\":\"10.0.0.10/24\"}"), "cluster", "active");
        assertEquals(ExitCode.REFUSED, none.exitCode());
        assertTrue(none.out().startsWith("no node is active right now"), none.out());

        CliRun leader = CliRun.run(new RecordingTransport().answer(200,
                "{\"leader\":\"n2\",\"raftAddress\":\"10.0.0.2:9870\",\"httpAddress\":\"10.0.0.2:8080\",\"answeredBy\":\"n1\"}"),
                "cluster", "leader");
        assertEquals("n2 (raft 10.0.0.2:9870, http 10.0.0.2:8080)\n", leader.out());
        CliRun id = CliRun.run(new RecordingTransport().answer(200, "{\"clusterId\":\"\",\"raftGroup\":\"pharos\"}"),
                "cluster", "id");
        assertEquals(ExitCode.REFUSED, id.exitCode());
        assertTrue(id.err().contains("pharos cluster init"), id.err());
    }

    @Test
    void dumpPrintsTheDocumentAsJson() throws IOException {
        CliRun dump = CliRun.run(new RecordingTransport().answer(200, "{\"role\":\"leader-ready\",\"appliedIndex\":9}"),
                "cluster", "dump");
        assertEquals(json("{\"role\":\"leader-ready\",\"appliedIndex\":9}"), json(dump.out()));
    }
}
