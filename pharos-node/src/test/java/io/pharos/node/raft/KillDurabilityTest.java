package io.pharos.node.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.net.Ipv4;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invariant 2: what was acknowledged survives a kill -9 of the node right after. */
class KillDurabilityTest {
    private static final int KILL_AFTER_ACKS = 3_000;
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedLeaseSurvivesSigkill() throws Exception {
        int port = RaftTestSupport.freePort();
        Process child = new ProcessBuilder(childCommand(dir, port)).redirectErrorStream(true).start();
        BitSet acked = new BitSet();
        List<String> otherOutput = new ArrayList<>();
        long deadline = System.nanoTime() + CHILD_LIMIT.toNanos();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; acked.cardinality() < KILL_AFTER_ACKS && System.nanoTime() < deadline
                    && (line = out.readLine()) != null; ) {
                if (line.startsWith("ACK ")) acked.set(Integer.parseInt(line.substring(4)));
                else if (otherOutput.size() < 200) otherOutput.add(line);
            }
            // Mid-stream: more leases are in flight and unacknowledged as the process dies.
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child died");
        } finally {
            child.destroyForcibly();
        }
        assertTrue(acked.cardinality() >= KILL_AFTER_ACKS,
                "the writer acknowledged " + acked.cardinality() + " leases; its output:\n" + String.join("\n", otherOutput));

        RaftSettings settings = RaftSettings.singleNode("node1", dir, RaftTestSupport.loopback(RaftTestSupport.freePort()));
        try (RaftNode node = RaftNode.start(settings)) {
            node.awaitLeader(Duration.ofSeconds(10));
            RaftTestSupport.await("the log replayed", Duration.ofSeconds(10), () -> node.appliedIndex() >= node.commitIndex());
            List<Ipv4> lost = new ArrayList<>();
            for (int n = acked.nextSetBit(0); n >= 0; n = acked.nextSetBit(n + 1))
                if (node.state().leaseByAddress(RaftTestSupport.address(n)).isEmpty()) lost.add(RaftTestSupport.address(n));
            assertTrue(lost.isEmpty(),
                    lost.size() + " acknowledged leases lost, e.g. " + lost.subList(0, Math.min(5, lost.size())));
            System.out.printf("RAFT_DURABILITY %d acknowledged leases, all present; %d leases in the state after kill -9%n",
                    acked.cardinality(), node.state().leases().size());
        }
    }

    /** The same java binary and class path as this test, so the child runs exactly this build. */
    private static List<String> childCommand(Path dir, int port) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(java, "-Xmx256m", "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath, DurabilityWriter.class.getName(), dir.toString(), Integer.toString(port));
    }
}
