package io.pharos.node.raft;

import static io.pharos.node.raft.RaftTestSupport.await;
import static io.pharos.node.raft.RaftTestSupport.lease;
import static io.pharos.node.raft.RaftTestSupport.subnet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.state.StateSnapshot;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleNodeRaftTest {
    private static final Duration LEADER = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void appliesCommandsAndReplaysThemAfterARestart() throws Exception {
        RaftSettings settings = RaftTestSupport.singleNode(dir);
        StateSnapshot before;
        long applied;
        List<RaftRole> roles = new CopyOnWriteArrayList<>();
        try (RaftNode node = RaftNode.start(settings)) {
            node.onRoleChange(roles::add);
            node.awaitLeader(LEADER);
            assertEquals(RaftRole.LEADER_READY, node.role());
            assertEquals(Result.OK, node.commandLog().submit(subnet()).get(5, TimeUnit.SECONDS));
            for (int n = 0; n < 50; n++) assertEquals(Result.OK, node.commandLog().submit(lease(n)).get(5, TimeUnit.SECONDS));

            Command.BindLease taken = new Command.BindLease(lease(7).address(), lease(8).mac(), "intruder", null, "lab",
                    RaftTestSupport.NOW, RaftTestSupport.NOW + 1000);
            Result refused = node.commandLog().submit(taken).get(5, TimeUnit.SECONDS);
            assertEquals(Result.Refusal.CONFLICT, assertInstanceOf(Result.Refused.class, refused).kind());
            assertEquals(Result.Refusal.NOT_FOUND, assertInstanceOf(Result.Refused.class,
                    node.commandLog().submit(new Command.DeleteSubnet("nope")).get(5, TimeUnit.SECONDS)).kind());

            assertEquals(50, node.state().leases().size());
            assertEquals("client-7", node.state().leaseByAddress(lease(7).address()).orElseThrow().clientId());
            before = node.state().snapshot();
            applied = node.appliedIndex();
            assertTrue(node.commitIndex() >= applied, "commit index " + node.commitIndex() + " >= applied " + applied);
            await("the LEADER_READY event", LEADER, () -> roles.contains(RaftRole.LEADER_READY));
            assertTrue(roles.indexOf(RaftRole.LEADER_ELECTED) < roles.indexOf(RaftRole.LEADER_READY), roles.toString());
        }

        try (RaftNode again = RaftNode.start(settings)) {
            again.awaitLeader(LEADER);
            await("the log replayed", LEADER, () -> again.appliedIndex() >= applied);
            assertEquals(before, again.state().snapshot());
        }
    }

    @Test
    void refusesAnEntryThatIsNotACommandBeforeItReachesTheLog() throws Exception {
        RaftSettings settings = RaftTestSupport.singleNode(dir);
        try (RaftNode node = RaftNode.start(settings)) {
            node.awaitLeader(LEADER);
            node.commandLog().submit(subnet()).get(5, TimeUnit.SECONDS);
            long committed = quietCommitIndex(node);

            RaftGroup group = RaftGroup.valueOf(RaftGroupId.valueOf(settings.groupId()),
                    RaftPeer.newBuilder().setId("node1").setAddress(settings.address()).build());
            try (RaftClient raw = RaftClient.newBuilder().setRaftGroup(group)
                    .setProperties(RatisProperties.client(settings)).setRetryPolicy(RatisProperties.retryPolicy(settings))
                    .build()) {
                Exception e = assertThrows(Exception.class,
                        () -> raw.io().send(Message.valueOf("{\"type\":\"Nonsense\"}")));
                assertTrue(String.valueOf(e.getMessage()).contains("not a Pharos command"), e.toString());
            }
            assertEquals(committed, node.commitIndex(), "nothing was appended");
            assertEquals(Result.OK, node.commandLog().submit(lease(1)).get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aPortInUseIsReportedWithTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RaftSettings settings = RaftSettings.singleNode("node1", dir, RaftTestSupport.loopback(taken.getLocalPort()));
            RaftStartException e = assertThrows(RaftStartException.class, () -> RaftNode.start(settings).close());
            assertTrue(e.getMessage().contains("raft port 127.0.0.1:" + taken.getLocalPort() + " is in use"), e.getMessage());
            assertTrue(e.getMessage().contains("--raft-address"), e.getMessage());
        }
    }

    @Test
    void storageOfAnotherClusterIsRefused() {
        RaftSettings first = RaftTestSupport.singleNode(dir).withClusterId("alpha");
        try (RaftNode node = RaftNode.start(first)) {
            node.awaitLeader(LEADER);
        }
        RaftStartException e = assertThrows(RaftStartException.class,
                () -> RaftNode.start(first.withClusterId("beta")).close());
        assertTrue(e.getMessage().contains("another cluster"), e.getMessage());
    }

    @Test
    void unusableStorageIsReportedWithTheFix() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("data"), "a file where the data directory should be");
        RaftStartException e = assertThrows(RaftStartException.class,
                () -> RaftNode.start(RaftTestSupport.singleNode(notADirectory)).close());
        assertTrue(e.getMessage().contains("cannot create the Raft storage directory"), e.getMessage());
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    }

    /** Ratis appends a metadata entry after a commit; wait until the log has stopped moving. */
    private static long quietCommitIndex(RaftNode node) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 50; i++) {
            long now = node.commitIndex();
            if (now == last && node.appliedIndex() >= now) return now;
            last = now;
            Thread.sleep(100);
        }
        throw new AssertionError("the log did not settle: commit index " + node.commitIndex());
    }
}
