package io.pharos.node.raft;

import static io.pharos.node.raft.RaftTestSupport.await;
import static io.pharos.node.raft.RaftTestSupport.lease;
import static io.pharos.node.raft.RaftTestSupport.subnet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three RaftNodes in this JVM on loopback ports: the same code as a single node, as one HA group. */
class ThreeNodeGroupTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void writesOnTheLeaderReachEveryNodeAndALateNodeCatchesUpFromASnapshot() throws Exception {
        Map<String, String> peers = new LinkedHashMap<>();
        for (String id : List.of("n1", "n2", "n3")) peers.put(id, RaftTestSupport.loopback(RaftTestSupport.freePort()));
        // A low snapshot threshold and small segments, so the leader purges its log before n3 ever starts.
        RaftSettings.Compaction compaction = new RaftSettings.Compaction(100, 10, 4096, 2, 1 << 20, 2);
        List<RaftNode> nodes = new ArrayList<>();
        try {
            for (String id : List.of("n1", "n2"))
                nodes.add(RaftNode.start(RaftSettings.cluster(id, dir.resolve(id), peers).withCompaction(compaction)));
            await("one leader-ready node of two", WAIT, () -> nodes.stream().filter(RaftNode::isLeaderReady).count() == 1);
            RaftNode leader = nodes.stream().filter(RaftNode::isLeaderReady).findFirst().orElseThrow();
            RaftNode follower = nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
            await("the follower knows the leader", WAIT, () -> follower.role() == RaftRole.FOLLOWER);

            assertEquals(Result.OK, leader.commandLog().submit(subnet()).get(5, TimeUnit.SECONDS));
            List<CompletableFuture<Result>> writes = new ArrayList<>();
            for (int n = 0; n < 2000; n++) writes.add(leader.commandLog().submit(lease(n)));
            for (CompletableFuture<Result> w : writes) assertEquals(Result.OK, w.get(10, TimeUnit.SECONDS));
            for (int n = 2000; n < 2200; n++) // one entry each, to have log to purge
                assertEquals(Result.OK, leader.commandLog().submit(lease(n)).get(5, TimeUnit.SECONDS));

            // Through a follower: forwarded to the leader, answered once this follower has applied it too.
            assertEquals(Result.OK, follower.commandLog().submit(lease(5000)).get(5, TimeUnit.SECONDS));
            assertTrue(follower.state().leaseByAddress(lease(5000).address()).isPresent(), "read your write on the follower");

            long snapshot = leader.takeSnapshot();
            assertTrue(snapshot >= 200, "snapshot at " + snapshot);
            RaftNode late = RaftNode.start(RaftSettings.cluster("n3", dir.resolve("n3"), peers).withCompaction(compaction));
            nodes.add(late);
            long applied = leader.appliedIndex();
            await("every node applied the leader's log", WAIT, () -> nodes.stream().allMatch(n -> n.appliedIndex() >= applied));
            for (RaftNode node : nodes) assertEquals(leader.state().snapshot(), node.state().snapshot(), node.nodeId());
            assertEquals(2201, leader.state().leases().size());
            assertEquals(RaftRole.FOLLOWER, late.role());
        } finally {
            nodes.parallelStream().forEach(RaftNode::close);
        }
    }
}
