package io.pharos.node.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.model.ClusterSettings;
import io.pharos.node.raft.RaftNode;
import io.pharos.node.raft.RaftSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real one-member Raft group under the controller, VIP mode none: runs without root. */
class HaControllerSingleNodeTest {
    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private HaController controller(RaftNode raft, RecordingServices services) {
        return new HaController(HaRaft.of(raft), services, new VipActuator(VipActuator.Mode.NONE, "", "",
                Duration.ofSeconds(3), List.of()), dir.resolve("ha"), "", () -> ClusterSettings.NONE,
                HaTiming.DEFAULT, System::nanoTime);
    }

    @Test
    void aSingleNodeBecomesActiveRestartsItsServicesOnStepDownAndStandsDownOnClose() throws Exception {
        RecordingServices services = RecordingServices.alone();
        try (RaftNode raft = RaftNode.start(RaftSettings.singleNode("n1", dir.resolve("raft"), "127.0.0.1:" + freePort()))) {
            HaController ha = controller(raft, services);
            try {
                ha.start();
                assertTrue(NetnsLab.await(Duration.ofSeconds(10), () -> ha.state().equals("active")), ha.state());
                assertTrue(services.running());
                assertTrue(ha.mayServe());
                long applied = raft.appliedIndex();
                Thread.sleep(500);
                assertEquals(applied, raft.appliedIndex(), "a sole voter's lease needs no log entries");
                assertTrue(ha.mayServe(), "and its lease stays valid");
                assertEquals("active", ha.state(), "a healthy node with its lease stays active");
                assertEquals(1, services.starts());

                // Nobody to hand over to: the services stop, and start again after the hold-off.
                ha.stepDown("test");
                assertTrue(NetnsLab.await(Duration.ofSeconds(2), () -> !services.running()), "services stopped");
                assertTrue(NetnsLab.await(Duration.ofSeconds(6), () -> services.starts() == 2 && ha.state().equals("active")),
                        ha.state() + " after " + services.starts() + " starts");
            } finally {
                ha.close();
            }
            assertEquals("stopped", ha.state());
            assertFalse(services.running(), "close stopped the services");
            assertFalse(ha.mayServe());
        }
    }

    /** A leader whose role controller died would keep Raft leadership and never serve: it must leave instead. */
    @Test
    void anErrorInTheLoopStandsDownAndEndsTheNode() throws Exception {
        AtomicBoolean stopped = new AtomicBoolean();
        ActiveServices broken = new ActiveServices() {
            @Override
            public void start() {
                throw new StackOverflowError("from a service's start");
            }

            @Override
            public void stop() {
                stopped.set(true);
            }

            @Override
            public ServiceHealth health() {
                return ServiceHealth.HEALTHY;
            }
        };
        CountDownLatch ended = new CountDownLatch(1);
        try (RaftNode raft = RaftNode.start(RaftSettings.singleNode("n1", dir.resolve("raft"), "127.0.0.1:" + freePort()))) {
            HaController ha = new HaController(HaRaft.of(raft), broken, new VipActuator(VipActuator.Mode.NONE, "", "",
                    Duration.ofSeconds(3), List.of()), dir.resolve("ha"), "", () -> ClusterSettings.NONE,
                    HaTiming.DEFAULT, System::nanoTime);
            ha.onLoopFailure(ended::countDown);
            try {
                ha.start();
                assertTrue(ended.await(10, TimeUnit.SECONDS), "the node was told to end; state " + ha.state());
                assertEquals("stopped", ha.state());
                assertFalse(ha.mayServe());
                assertTrue(stopped.get(), "the services were stopped on the way out");
            } finally {
                ha.close();
            }
        }
    }

    @Test
    void losingRaftStopsTheServices() throws Exception {
        RecordingServices services = RecordingServices.alone();
        RaftNode raft = RaftNode.start(RaftSettings.singleNode("n1", dir.resolve("raft"), "127.0.0.1:" + freePort()));
        HaController ha = controller(raft, services);
        try {
            ha.start();
            assertTrue(NetnsLab.await(Duration.ofSeconds(10), () -> ha.state().equals("active")), ha.state());
            raft.close();
            assertTrue(NetnsLab.await(Duration.ofSeconds(2), () -> !services.running()), "services stopped");
            assertEquals("passive", ha.state());
            assertFalse(ha.mayServe());
        } finally {
            ha.close();
            raft.close();
        }
    }
}
