package io.pharos.node.raft;

import static io.pharos.node.raft.RaftTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderCrashWatchTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theVotersAfterTheLeaderTakeTurnsByIdAndOthersNever() {
        List<String> voters = List.of("n3", "n1", "n2");
        assertEquals(0, LeaderCrashWatch.turn(voters, "n1", "n2"));
        assertEquals(1, LeaderCrashWatch.turn(voters, "n1", "n3"));
        assertEquals(0, LeaderCrashWatch.turn(voters, "n2", "n1"));
        assertEquals(-1, LeaderCrashWatch.turn(voters, "n1", "n1"), "the leader itself");
        assertEquals(-1, LeaderCrashWatch.turn(voters, "n1", "obs"), "an observer is not in line");
    }

    @Test
    void readsRatisPeerAddresses() {
        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 9870)), LeaderCrashWatch.address("127.0.0.1:9870"));
        assertEquals(Optional.of(new InetSocketAddress("::1", 9870)), LeaderCrashWatch.address("[::1]:9870"));
        assertEquals(Optional.empty(), LeaderCrashWatch.address("no-port"));
        assertEquals(Optional.empty(), LeaderCrashWatch.address("127.0.0.1:port"));
    }

    /**
     * Election timeouts of 8–9 s: Ratis alone would leave the group leaderless that long after the leader
     * closes, and then elect either follower. The watch elects the first follower by id, and says so.
     */
    @Test
    void aFollowerStandsAsSoonAsTheLeadersPortCloses() throws Exception {
        Map<String, String> peers = new LinkedHashMap<>();
        for (String id : List.of("n1", "n2", "n3")) peers.put(id, RaftTestSupport.loopback(RaftTestSupport.freePort()));
        RaftSettings.Timing slow = new RaftSettings.Timing(Duration.ofSeconds(8), Duration.ofSeconds(9),
                Duration.ofMillis(150), Duration.ofMillis(400), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(3));
        List<RaftNode> nodes = new ArrayList<>();
        try {
            for (String id : peers.keySet())
                nodes.add(RaftNode.start(RaftSettings.cluster(id, dir.resolve(id), peers).withTiming(slow)));
            await("one leader-ready node", WAIT, () -> nodes.stream().filter(RaftNode::isLeaderReady).count() == 1);
            RaftNode leader = nodes.stream().filter(RaftNode::isLeaderReady).findFirst().orElseThrow();
            List<RaftNode> followers = nodes.stream().filter(n -> n != leader)
                    .sorted(Comparator.comparing(RaftNode::nodeId)).toList();
            await("both followers know the leader", WAIT, () -> followers.stream().allMatch(n -> n.role() == RaftRole.FOLLOWER));
            long began = System.nanoTime();

            leader.close();
            nodes.remove(leader);

            await("a new leader", WAIT, () -> followers.stream().anyMatch(RaftNode::isLeaderReady));
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            RaftNode first = followers.get(0);
            assertTrue(first.isLeaderReady(), "the first follower by id leads after " + took);
            assertEquals(1, first.electionsAfterLeaderCrash(), "it stood because the port closed, not on a timeout");
        } finally {
            nodes.parallelStream().forEach(RaftNode::close);
        }
    }
}
