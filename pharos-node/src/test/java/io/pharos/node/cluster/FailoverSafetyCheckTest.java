package io.pharos.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverSafetyCheckTest {
    private static final long COMMIT = 500;

    private static ClusterWire.Peer peer(String id, String kind, long match, long lastContact, long missingBlobs) {
        ClusterWire.Local local = missingBlobs == Long.MIN_VALUE ? null
                : new ClusterWire.Local(id, "follower", kind.equals("observer"), false, match, COMMIT, missingBlobs, "0.1.0");
        return new ClusterWire.Peer(id, kind, "h:1", "h:2", "0.1.0", match, match + 1, COMMIT - match, "streaming",
                lastContact, local, local == null ? "cannot reach http://h:2" : null);
    }

    private static final ClusterWire.Peer LEADER = peer("n1", "voter", COMMIT, 0, 0);

    @Test
    void aCaughtUpVoterHoldingEveryBlobIsACandidate() {
        ClusterWire.Safety s = FailoverSafetyCheck.evaluate("n1", COMMIT,
                List.of(LEADER, peer("n2", "voter", COMMIT, 40, 0), peer("n3", "voter", COMMIT - 1, 40, 0)), 1200);
        assertTrue(s.safe());
        assertEquals(List.of("n2"), s.candidates());
        assertEquals("is 1 log entries behind (streaming)", s.reasons().get("n3"));
    }

    @Test
    void everyOtherShortcomingIsNamed() {
        ClusterWire.Safety s = FailoverSafetyCheck.evaluate("n1", COMMIT, List.of(LEADER,
                peer("silent", "voter", COMMIT, 5000, 0),
                peer("never", "voter", -1, -1, 0),
                peer("blobs", "voter", COMMIT, 10, 2),
                peer("unknown", "voter", COMMIT, 10, MissingBlobCount.UNKNOWN),
                peer("unreachable", "voter", COMMIT, 10, Long.MIN_VALUE),
                peer("o1", "observer", COMMIT, 10, 0)), 1200);
        assertFalse(s.safe());
        assertTrue(s.candidates().isEmpty());
        assertTrue(s.reasons().get("silent").contains("5000 ms"));
        assertTrue(s.reasons().get("never").contains("not answered the leader yet"));
        assertTrue(s.reasons().get("blobs").contains("missing 2 file blob"));
        assertTrue(s.reasons().get("unknown").contains("not reported"));
        assertTrue(s.reasons().get("unreachable").contains("cannot reach http://h:2"));
        assertFalse(s.reasons().containsKey("o1"), "observers are not considered at all");
    }

    @Test
    void aLoneLeaderIsNotFailoverSafe() {
        ClusterWire.Safety s = FailoverSafetyCheck.evaluate("n1", COMMIT, List.of(LEADER), 1200);
        assertFalse(s.safe());
        assertTrue(s.reasons().get("n1").contains("no voter besides the active"));
    }
}
