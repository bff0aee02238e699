package io.pharos.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import io.pharos.node.cluster.Compatibility.Release;
import io.pharos.node.codec.CommandCodec;
import io.pharos.node.codec.SnapshotCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompatibilityTest {
    private static final Release CLUSTER = new Release("1.4.2", 3, 2);

    @Test
    void theFormatsAreTheOnesThisBuildWrites() throws Exception {
        Command lease = new Command.BindLease(Ipv4.parse("10.0.0.5"), Mac.parse("52:54:00:00:00:05"), "c", null, "lab", 1, 2);
        assertEquals(Compatibility.COMMAND_FORMAT, CommandCodec.encode(lease)[0], "leases are written in the newest format");
        assertTrue(CommandCodec.encode(new Command.PutParam("a", "b"))[0] <= Compatibility.COMMAND_FORMAT);
        byte[] newer = CommandCodec.encode(lease);
        newer[0] = (byte) (Compatibility.COMMAND_FORMAT + 1);
        assertThrows(IllegalStateException.class, () -> CommandCodec.decode(newer), "a format above COMMAND_FORMAT is not read");
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        SnapshotCodec.write(snapshot, 1, 1, new State().snapshot());
        assertTrue(snapshot.toString(StandardCharsets.UTF_8).startsWith("pharos-snapshot v" + Compatibility.SNAPSHOT_FORMAT + " "),
                "SnapshotCodec's header and Compatibility.SNAPSHOT_FORMAT must change together");
    }

    @Test
    void patchReleasesMixAndSnapshotSuffixesAreIgnored() {
        assertEquals(Optional.empty(), Compatibility.joinProblem(new Release("1.4.0", 3, 2), CLUSTER, "this node"));
        assertEquals(Optional.empty(), Compatibility.joinProblem(new Release("1.4.9-SNAPSHOT", 3, 2), CLUSTER, "this node"));
    }

    @Test
    void anOlderNodeIsToldToUpgradeAndANewerOneToUseTheClustersVersion() {
        String older = Compatibility.joinProblem(new Release("1.3.7", 3, 2), CLUSTER, "this node").orElseThrow();
        assertTrue(older.contains("upgrade this node to Pharos 1.4.2"), older);
        String newer = Compatibility.joinProblem(new Release("1.5.0", 3, 2), CLUSTER, "this node").orElseThrow();
        assertTrue(newer.contains("join with Pharos 1.4.2 (the same version as the cluster)"), newer);
    }

    @Test
    void formatsDecideBeforeVersionNumbers() {
        String lowerFormat = Compatibility.joinProblem(new Release("1.4.2", 2, 2), CLUSTER, "node 'n4'").orElseThrow();
        assertTrue(lowerFormat.startsWith("node 'n4' runs Pharos 1.4.2 (log format 2"), lowerFormat);
        assertTrue(lowerFormat.contains("upgrade node 'n4'"), lowerFormat);
        assertTrue(Compatibility.joinProblem(new Release("1.4.2", 3, 3), CLUSTER, "x").orElseThrow().contains("newer"));
        assertTrue(Compatibility.compare(new Release("2.0.0", 3, 2), CLUSTER) > 0);
        assertTrue(Compatibility.compare(new Release("garbage", 3, 2), CLUSTER) < 0);
    }
}
