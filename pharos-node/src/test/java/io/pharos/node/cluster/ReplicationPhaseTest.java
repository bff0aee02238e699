package io.pharos.node.cluster;

import static io.pharos.node.cluster.ReplicationPhase.CATCHING_UP;
import static io.pharos.node.cluster.ReplicationPhase.STREAMING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pharos.node.raft.PeerProgress;
import org.junit.jupiter.api.Test;

class ReplicationPhaseTest {
    private static PeerProgress lag(long lag, long lastResponse) {
        return new PeerProgress("n2", "h:1", false, 10_000 - lag, 10_001 - lag, lastResponse, 10_000);
    }

    @Test
    void closeAndAnsweringIsStreamingFarOrSilentIsCatchingUp() {
        assertEquals(STREAMING, ReplicationPhase.next(null, lag(0, 10), 1200));
        assertEquals(STREAMING, ReplicationPhase.next(CATCHING_UP, lag(100, 10), 1200));
        assertEquals(CATCHING_UP, ReplicationPhase.next(STREAMING, lag(1001, 10), 1200));
        assertEquals(CATCHING_UP, ReplicationPhase.next(STREAMING, lag(0, 1201), 1200));
    }

    @Test
    void betweenTheThresholdsThePhaseStaysSoItDoesNotFlap() {
        assertEquals(STREAMING, ReplicationPhase.next(STREAMING, lag(500, 10), 1200));
        assertEquals(CATCHING_UP, ReplicationPhase.next(CATCHING_UP, lag(500, 10), 1200));
        assertEquals(CATCHING_UP, ReplicationPhase.next(null, lag(500, 10), 1200), "a new member starts catching up");
        assertEquals("catching-up", CATCHING_UP.label());
    }
}
