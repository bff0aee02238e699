package io.pharos.node.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.node.raft.RaftNode;
import io.pharos.node.raft.RaftRole;
import io.pharos.node.raft.RaftSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease's proof of leadership on a real three-node group: a no-op entry committed through the leader's
 * own server. It must fail on a follower (never be redirected to the leader, which would prove the wrong
 * node's leadership) and be quick enough for a 50 ms renewal on the leader.
 */
class LeadershipConfirmationTest {
    @TempDir
    Path dir;

    @Test
    void confirmsTheLeaderQuicklyAndNeverAFollower() throws Exception {
        List<RaftNode> nodes = new ArrayList<>();
        try {
            startGroup(nodes);
            RaftNode leader = nodes.stream().filter(RaftNode::isLeaderReady).findFirst().orElseThrow();
            RaftNode follower = nodes.stream().filter(n -> n.role() == RaftRole.FOLLOWER).findFirst().orElseThrow();

            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> follower.confirmLeadership().get(5, TimeUnit.SECONDS));
            assertTrue(String.valueOf(refused.getCause()).contains("NotLeader"), String.valueOf(refused.getCause()));

            long[] micros = new long[200];
            long applied = leader.appliedIndex();
            for (int i = 0; i < micros.length; i++) {
                long start = System.nanoTime();
                leader.confirmLeadership().get(5, TimeUnit.SECONDS);
                micros[i] = (System.nanoTime() - start) / 1000;
            }
            assertTrue(leader.appliedIndex() - applied >= micros.length, "each confirmation is a committed entry");
            Arrays.sort(micros);
            long p50 = micros[micros.length / 2];
            long p99 = micros[micros.length * 99 / 100];
            System.out.printf("leadership confirmation, 3 nodes on loopback: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    p50 / 1000.0, p99 / 1000.0, micros[micros.length - 1] / 1000.0);
            assertTrue(p50 < 50_000, "median " + p50 + " us is below the 50 ms renewal interval");
        } finally {
            nodes.parallelStream().forEach(RaftNode::close);
        }
    }

    /**
     * While commands stream, as under DHCP load, the proofs ride on their entries: they still succeed every
     * 50 ms, and hardly any no-op entry is written for them.
     */
    @Test
    void whileCommandsStreamConfirmationsRideOnTheirEntries() throws Exception {
        List<RaftNode> nodes = new ArrayList<>();
        try {
            startGroup(nodes);
            RaftNode leader = nodes.stream().filter(RaftNode::isLeaderReady).findFirst().orElseThrow();
            AtomicBoolean streaming = new AtomicBoolean(true);
            Thread commands = new Thread(() -> {
                while (streaming.get()) {
                    leader.commandLog().submit(new Command.Batch(List.of()));
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            });
            commands.start();
            Thread.sleep(200);
            var before = leader.leadershipStats();
            long entriesBefore = leader.logStats().entriesSent();
            int confirmations = 40;
            try {
                for (int i = 0; i < confirmations; i++) {
                    leader.confirmLeadership().get(5, TimeUnit.SECONDS);
                    Thread.sleep(50);
                }
            } finally {
                streaming.set(false);
                commands.join();
            }
            var after = leader.leadershipStats();
            long rode = after.rodeOnCommands() - before.rodeOnCommands();
            long noOps = after.noOpEntries() - before.noOpEntries();
            long commandEntries = leader.logStats().entriesSent() - entriesBefore;
            System.out.printf("%d confirmations while %d command entries streamed: %d rode on them, %d no-op entries%n",
                    confirmations, commandEntries, rode, noOps);
            assertTrue(commandEntries > confirmations, "commands kept streaming: " + commandEntries + " entries");
            assertEquals(confirmations, rode + noOps, "each proof either rode or had a no-op");
            assertTrue(noOps <= confirmations / 4, noOps + " no-op entries for " + confirmations + " confirmations");
        } finally {
            nodes.parallelStream().forEach(RaftNode::close);
        }
    }

    private void startGroup(List<RaftNode> nodes) throws Exception {
        Map<String, String> peers = new LinkedHashMap<>();
        for (String id : List.of("a", "b", "c")) peers.put(id, "127.0.0.1:" + HaControllerSingleNodeTest.freePort());
        for (String id : peers.keySet()) nodes.add(RaftNode.start(RaftSettings.cluster(id, dir.resolve(id), peers)));
        assertTrue(NetnsLab.await(Duration.ofSeconds(20), () -> nodes.stream().filter(RaftNode::isLeaderReady).count() == 1
                && nodes.stream().filter(n -> n.role() == RaftRole.FOLLOWER).count() == 2));
    }
}
