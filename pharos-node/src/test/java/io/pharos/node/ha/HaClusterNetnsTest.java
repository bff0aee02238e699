package io.pharos.node.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.model.ClusterSettings;
import io.pharos.core.net.Ipv4;
import io.pharos.node.raft.RaftNode;
import io.pharos.node.raft.RaftSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real Raft nodes (on 127.0.0.1) under three controllers, each holding the VIP on eth0 of its own network
 * namespace, all bridged to a client namespace that asks who has the VIP. Failover when the active's Raft
 * stops, switchover both ways, step-down on failed health; never two nodes serving at once.
 */
class HaClusterNetnsTest {
    private static final String VIP = "10.88.0.100";
    private static final ClusterSettings CLUSTER = new ClusterSettings("lab", Ipv4.parse(VIP), 24, "");
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private record Node(String id, RaftNode raft, HaController ha, RecordingServices services) {}

    @Test
    void oneActiveHoldsTheVipAndAnotherTakesOverWhenItFailsOrStepsDown() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            AtomicInteger servingNow = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            Map<String, String> peers = new LinkedHashMap<>();
            List<String> ids = List.of("a", "b", "c");
            for (String id : ids) {
                lab.node(id, "10.88.0." + (11 + ids.indexOf(id)));
                peers.put(id, "127.0.0.1:" + HaControllerSingleNodeTest.freePort());
            }
            List<Node> nodes = new ArrayList<>();
            try {
                for (String id : ids) {
                    RaftNode raft = RaftNode.start(RaftSettings.cluster(id, dir.resolve(id), peers));
                    RecordingServices services = new RecordingServices(servingNow, mostAtOnce);
                    HaController ha = new HaController(HaRaft.of(raft), services, new VipActuator(VipActuator.Mode.KERNEL,
                            "eth0", "", Duration.ofSeconds(3), lab.in(id)), dir.resolve(id).resolve("ha"), "",
                            () -> CLUSTER, HaTiming.DEFAULT, System::nanoTime);
                    nodes.add(new Node(id, raft, ha, services));
                    ha.start();
                }
                Node first = awaitOneActive(lab, nodes, n -> true);

                // The active's Raft stops (as when its process dies): another node serves within seconds.
                long start = System.nanoTime();
                first.raft().close();
                List<Node> alive = nodes.stream().filter(n -> n != first).toList();
                assertTrue(NetnsLab.await(WAIT, () -> alive.stream().anyMatch(n -> n.ha().state().equals("active"))));
                long failoverMillis = (System.nanoTime() - start) / 1_000_000;
                Node second = awaitOneActive(lab, alive, n -> true);
                assertTrue(failoverMillis < 5_000, "failover took " + failoverMillis + " ms");
                assertEquals("passive", first.ha().state());
                System.out.println("HA failover after the active's Raft stopped: " + failoverMillis + " ms");

                // Operator step-down (SIGUSR2): the other live node takes over.
                second.ha().stepDown("test");
                Node third = awaitOneActive(lab, alive, n -> n != second);

                // Operator switchover to the passive node (SIGUSR1).
                second.ha().requestActive("test");
                awaitOneActive(lab, alive, n -> n == second);

                // The active's DHCP dies: it hands over.
                second.services().failWith(ServiceHealth.of(new ServiceHealth.Problem("dhcp", "socket closed")));
                awaitOneActive(lab, alive, n -> n == third);

                assertEquals(1, mostAtOnce.get(), "never two nodes serving at once");
            } finally {
                for (Node n : nodes) n.ha().close();
                for (Node n : nodes) n.raft().close();
            }
            for (String id : ids) assertTrue(!lab.addresses(id).contains(VIP + "/24"), "closed nodes hold no VIP");
        }
    }

    /**
     * Waits until exactly one node is active, it is the expected one, holds the VIP and answers ARP for it, and
     * no other node does.
     */
    private static Node awaitOneActive(NetnsLab lab, List<Node> nodes, Predicate<Node> expected) throws Exception {
        Node[] found = new Node[1];
        boolean ok = NetnsLab.await(WAIT, () -> {
            List<Node> active = nodes.stream().filter(n -> n.ha().state().equals("active")).toList();
            if (active.size() != 1 || !expected.test(active.getFirst())) return false;
            List<Node> holders = nodes.stream().filter(n -> holdsVip(lab, n)).toList();
            if (!holders.equals(active) || !active.getFirst().services().running()) return false;
            found[0] = active.getFirst();
            return true;
        });
        assertTrue(ok, "one active node holding the VIP; states " + nodes.stream().map(n -> n.id() + "="
                + n.ha().state()).toList());
        // An empty answer is a probe lost on a loaded machine, not a verdict: ask again (a few times at most).
        Set<String> answering = lab.whoHas(VIP);
        for (int probe = 1; answering.isEmpty() && probe < 5; probe++) answering = lab.whoHas(VIP);
        assertEquals(Set.of(lab.mac(found[0].id())), answering, "only the active answers ARP for the VIP");
        return found[0];
    }

    private static boolean holdsVip(NetnsLab lab, Node node) {
        try {
            return lab.addresses(node.id()).contains(VIP + "/24");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
