package io.pharos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One active node (ARCHITECTURE invariant 1) and clients that survive failover (invariant 6), with three real
 * `pharos serve` processes in namespaces: the active is killed with SIGKILL and, later, frozen with SIGSTOP.
 * Each test leaves a 3-node cluster with one active behind for the next one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaFailoverE2E {
    private static final String DHCLIENT_MAC = "02:13:00:00:01:01";
    private ClusterLab cluster;

    @BeforeAll
    void startCluster() {
        Requirements.assumeRoot();
        Requirements.assumeBinaries("dhclient", "udhcpc", "arping", "tcpdump", "perfdhcp");
        cluster = ClusterLab.start(3);
        cluster.node("n1").cli("subnets", "create", "lan", "--cidr", ClusterLab.SUBNET,
                "--range", "10.213.0.10-10.213.0.250", "--lease-time", "60",
                "--option", "router=10.213.0.1").orFail();
        // A planned switchover; it also starts DHCP afresh on a node that knows the VIP: the service reads the
        // address it answers as once, at its start, so n1 (active before `cluster init`) still answers as 10.213.0.1.
        transferTo("n2");
        assertEquals("n2", cluster.awaitVipOn(cluster.node("n2"), Duration.ofSeconds(15)).id());
    }

    /**
     * `cluster transfer`, asked again while the answer is 503: on shared, busy cores a new member can still
     * start an election just after joining, and a transfer asked meanwhile meets a leader that changes under
     * it. The operator's answer then says "retry"; the test does so, for at most 20 s.
     */
    private void transferTo(String id) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        ExecResult result = cluster.node("n1").cli("cluster", "transfer", id);
        while (!result.ok() && result.stderr().contains("HTTP 503") && System.nanoTime() < end) {
            ClusterLab.sleep(1000);
            result = cluster.node("n1").cli("cluster", "transfer", id);
        }
        result.orFail();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void killMinus9OfTheActiveMovesTheVipAndLosesNoAcknowledgedLease() {
        String dhcNs = cluster.client("dhc", DHCLIENT_MAC, null);
        Dhclient dhclient = new Dhclient(cluster.lab(), dhcNs, "eth0", false);
        ExecResult obtained = dhclient.obtain();
        assertEquals(0, obtained.exitCode(), obtained.describe());
        String address = dhclient.env("BOUND").get("new_ip_address");
        assertEquals(ClusterLab.VIP, dhclient.env("BOUND").get("new_dhcp_server_identifier"),
                "the server identifier must be the VIP, so that renewals reach whichever node is active");

        String crowdNs = cluster.client("crowd", null, null);
        try (HaCrowd crowd = HaCrowd.start(cluster.lab(), crowdNs, "02:13:cc:00", 70)) {
            assertTrue(crowd.awaitAcks(15, 60_000), "the crowd got only " + crowd.acks().size() + " ACKs in 60 s");
            ClusterNode old = cluster.awaitSingleVipHolder(Duration.ofSeconds(5));
            int eventsBefore = dhclient.reasons().size();
            long killedAt = System.currentTimeMillis();
            old.kill9();

            ClusterNode next = awaitVipMovedFrom(old, Duration.ofSeconds(15));
            long vipAt = System.currentTimeMillis();
            assertTrue(!old.holdsAddress(ClusterLab.VIP), "the killed node's VIP must be gone (watchdog)");
            HaCrowd.Ack firstAfter = crowd.awaitAckAfter(killedAt, 20_000)
                    .orElseThrow(() -> new AssertionError("no client was ACKed within 20 s after the kill"));
            System.out.printf("E2E_HA_KILL9 %s killed; VIP on %s after %d ms; first ACK after %d ms%n", old.id(), next.id(),
                    vipAt - killedAt, firstAfter.atMillis() - killedAt);
            assertTrue(cluster.nodes().stream().filter(n -> n != old)
                            .anyMatch(n -> !n.logLines("RAFT_LEADER_GONE leader " + old.id()).isEmpty()),
                    "a survivor must have seen the killed leader's port closed and stood for election at once");

            assertPerfdhcpBurstIsAnswered();

            assertTrue(awaitMoreEvents(dhclient, eventsBefore, Duration.ofSeconds(45)),
                    "dhclient did not renew within 45 s of the failover; events: " + dhclient.reasons());
            List<String> after = dhclient.reasons().subList(eventsBefore, dhclient.reasons().size());
            assertEquals("RENEW", after.getFirst(), "the renewal unicast to the VIP must reach the new active, not "
                    + "fall back to REBIND; events after the kill: " + after);
            assertEquals(address, dhclient.env("RENEW").get("new_ip_address"));
            assertEquals(ClusterLab.VIP, dhclient.env("RENEW").get("new_dhcp_server_identifier"));

            crowd.close();
            ClusterLab.sleep(300); // an ACK in flight when the loop stopped is still recorded
            assertNoAckLostOrShared(crowd.acks(), next, killedAt);
        } finally {
            dhclient.stop();
            restartKilledNodes();
        }
    }

    @Test
    @Order(2)
    void aFrozenActiveNeverAnswersArpTogetherWithTheNewOneAndComesBackPassive() {
        String watcherNs = cluster.client("arpw", "02:13:00:00:02:01", "10.213.0.252/24");
        ClusterNode frozen = cluster.awaitSingleVipHolder(Duration.ofSeconds(15));
        HaVipSamples samples = new HaVipSamples();
        try (HaArpWatch arp = HaArpWatch.start(cluster.lab(), watcherNs, "10.213.0.252", ClusterLab.VIP, 30)) {
            samples.sampleFor(cluster, Duration.ofSeconds(2));
            frozen.signal("STOP");
            long stoppedAt = System.currentTimeMillis();
            ClusterNode next;
            try {
                next = awaitVipMovedFrom(frozen, Duration.ofSeconds(15), samples);
                System.out.printf("E2E_HA_SIGSTOP %s frozen; VIP on %s after %d ms%n", frozen.id(), next.id(),
                        System.currentTimeMillis() - stoppedAt);
                samples.sampleFor(cluster, Duration.ofSeconds(2)); // frozen for well over the 600 ms election timeout
            } finally {
                frozen.signal("CONT");
            }
            samples.sampleFor(cluster, Duration.ofSeconds(4));
            ClusterLab.sleep(500);
            arp.close();

            assertEquals(List.of(), samples.overlaps(), "two nodes held the VIP at the same moment (ip addr)");
            assertEquals(List.of(), arp.conflicts(), "ARP probes for the VIP answered by two MACs");
            List<String> answerers = arp.answerers();
            assertTrue(answerers.contains(frozen.mac()) && answerers.contains(next.mac()),
                    "the watcher must have seen the VIP answered first by " + frozen.mac() + " then by " + next.mac()
                            + "; it saw " + answerers + " over " + arp.probes().size() + " probes");
            assertTrue(!frozen.holdsAddress(ClusterLab.VIP) && next.holdsAddress(ClusterLab.VIP),
                    "after SIGCONT the VIP must stay on " + next.id());
            assertEquals(next.id(), cluster.activeAsSeenBy(frozen).orElse("none"), "the thawed node must see "
                    + next.id() + " as the active one");
            List<String> transitions = frozen.logLines(" HA_");
            assertTrue(transitions.stream().anyMatch(l -> l.endsWith("-> passive]")),
                    "the thawed node must log its return to passive: " + transitions);
            System.out.println("E2E_HA_SIGSTOP thawed node's log: " + transitions.getLast());
        }
    }

    @Test
    @Order(3)
    void anActiveCutOffDropsTheVipWithinItsLeaseAndRejoinsAsPassive() {
        ClusterNode old = cluster.awaitSingleVipHolder(Duration.ofSeconds(15));
        HaVipSamples samples = new HaVipSamples();
        String clientNs = cluster.client("part", "02:13:00:00:03:01", null);
        ClusterNode next;
        long cutAt = System.currentTimeMillis();
        old.cutOff();
        try {
            long droppedAfter = -1;
            while (System.currentTimeMillis() - cutAt < 5000) {
                if (!old.holdsAddress(ClusterLab.VIP)) {
                    droppedAfter = System.currentTimeMillis() - cutAt;
                    break;
                }
                ClusterLab.sleep(20);
            }
            // Lease 250 ms from the last confirmed round; the slack covers the ip(8) calls on a loaded machine.
            assertTrue(droppedAfter >= 0 && droppedAfter < 1000, "the cut-off active must drop the VIP within its lease;"
                    + " it took " + (droppedAfter < 0 ? "over 5000" : droppedAfter) + " ms");
            next = awaitVipMovedFrom(old, Duration.ofSeconds(15), samples);
            System.out.printf("E2E_HA_PARTITION %s cut off; dropped the VIP after %d ms; VIP on %s after %d ms%n", old.id(),
                    droppedAfter, next.id(), System.currentTimeMillis() - cutAt);
            Udhcpc udhcpc = new Udhcpc(cluster.lab(), clientNs);
            ExecResult served = udhcpc.obtain("eth0");
            assertEquals(0, served.exitCode(), "the majority must serve DHCP while the old active is cut off: "
                    + served.describe());
            assertEquals(ClusterLab.VIP, udhcpc.env("bound").get("serverid"));
            assertTrue(!old.holdsAddress(ClusterLab.VIP), "the cut-off node must not take the VIP back");
        } finally {
            old.heal();
        }
        samples.sampleFor(cluster, Duration.ofSeconds(3));
        assertEquals(List.of(), samples.overlaps(), "two nodes held the VIP at the same moment (ip addr)");
        assertEquals(List.of(next.id()), samples.all().getLast().holders(), "after healing the VIP stays on " + next.id());
        long commit = next.api().get("/cluster/local").ok().json().path("commitIndex").asLong();
        long applied = -1;
        for (int i = 0; i < 150 && applied < commit; i++) {
            applied = old.api().get("/cluster/local").ok().json().path("appliedIndex").asLong();
            if (applied < commit) ClusterLab.sleep(100);
        }
        assertTrue(applied >= commit, old.id() + " applied only up to " + applied + " within 15 s of healing; the leader "
                + "had committed " + commit);
        assertEquals(next.id(), cluster.activeAsSeenBy(old).orElse("none"), "the healed node must follow " + next.id());
    }

    private void assertPerfdhcpBurstIsAnswered() {
        String perfNs = cluster.client("perf", null, "10.213.0.251/24");
        // As a relay (giaddr = 10.213.0.251) to the VIP: the exchange goes through whichever node holds it.
        ExecResult perf = cluster.lab().exec(perfNs, Duration.ofSeconds(40), "perfdhcp", "-4", "-l", "eth0",
                "-r", "10", "-R", "1000", "-n", "50", "-p", "10", "-W", "2000000", ClusterLab.VIP);
        HaPerfdhcp.Counts counts = HaPerfdhcp.parse(perf.stdout());
        System.out.println("E2E_HA_PERFDHCP after failover: " + counts);
        assertTrue(counts.discovers() > 0 && counts.acks() >= counts.discovers() / 2,
                "perfdhcp through the VIP after failover: " + counts + "\n" + perf.describe());
    }

    private void assertNoAckLostOrShared(List<HaCrowd.Ack> acks, ClusterNode active, long killedAt) {
        assertTrue(acks.stream().anyMatch(a -> a.atMillis() < killedAt) && acks.stream().anyMatch(a -> a.atMillis() > killedAt),
                "the crowd must have been ACKed both before and after the kill: " + acks);
        Map<String, String> holder = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (HaCrowd.Ack ack : acks) {
            String previous = holder.put(ack.address(), ack.mac());
            if (previous != null && !previous.equalsIgnoreCase(ack.mac()))
                problems.add(ack.address() + " ACKed to both " + previous + " and " + ack.mac());
        }
        List<JsonNode> leases = active.leases();
        for (HaCrowd.Ack ack : acks) {
            JsonNode lease = Leases.byAddress(leases, ack.address()).orElse(null);
            if (lease == null || !lease.path("mac").asText().equalsIgnoreCase(ack.mac()))
                problems.add(ack.address() + " ACKed to " + ack.mac() + " but the new active has " + lease);
        }
        Map<String, Integer> perAddress = new HashMap<>();
        leases.forEach(l -> perAddress.merge(l.path("address").asText(), 1, Integer::sum));
        perAddress.forEach((a, n) -> { if (n > 1) problems.add(a + " has " + n + " lease records"); });
        System.out.println("E2E_HA_ACKS " + acks.size() + " ACKs checked against " + active.id() + "'s " + leases.size() + " leases");
        assertEquals(List.of(), problems);
    }

    private ClusterNode awaitVipMovedFrom(ClusterNode old, Duration timeout) {
        return awaitVipMovedFrom(old, timeout, new HaVipSamples());
    }

    /** Samples the holders every ~50 ms until a node other than old holds the VIP. */
    private ClusterNode awaitVipMovedFrom(ClusterNode old, Duration timeout, HaVipSamples samples) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<ClusterNode> holders = samples.sample(cluster);
            assertTrue(holders.size() <= 1, "two nodes hold the VIP: " + holders.stream().map(ClusterNode::id).toList());
            if (holders.size() == 1 && holders.getFirst() != old) return holders.getFirst();
            ClusterLab.sleep(50);
        }
        throw new AssertionError("the VIP did not move away from " + old.id() + " within " + timeout.toSeconds() + " s");
    }

    private static boolean awaitMoreEvents(Dhclient dhclient, int before, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (dhclient.reasons().size() > before) return true;
            ClusterLab.sleep(200);
        }
        return false;
    }

    private void restartKilledNodes() {
        for (ClusterNode node : cluster.nodes()) if (!node.alive()) node.start();
    }
}
