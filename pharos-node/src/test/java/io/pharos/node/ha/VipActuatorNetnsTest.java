package io.pharos.node.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kernel mode of {@link VipActuator} against real interfaces, inside namespaces this test creates. */
class VipActuatorNetnsTest {
    private static final Vip VIP = Vip.parse("10.88.0.100/24");

    private static VipActuator kernel(NetnsLab lab, String node, Duration lifetime) {
        return new VipActuator(VipActuator.Mode.KERNEL, "eth0", "", lifetime, lab.in(node));
    }

    @Test
    void theNodeThatAddsTheVipAnswersArpForItAndStopsWhenItDropsIt() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.node("a", "10.88.0.11");
            VipActuator a = kernel(lab, "a", Duration.ofSeconds(3));

            a.add(VIP);
            String line = lab.addressLine("a", "10.88.0.100");
            assertTrue(line.contains("10.88.0.100/24") && line.contains("valid_lft 3sec"), line);
            assertEquals(Set.of(lab.mac("a")), lab.whoHas("10.88.0.100"));
            a.renew(VIP);
            a.add(VIP); // idempotent: a retried activation must not fail on "File exists"

            a.drop(VIP);
            assertEquals(List.of("10.88.0.11/24"), lab.addresses("a"));
            assertEquals(Set.of(), lab.whoHas("10.88.0.100"));
            a.drop(VIP); // gone already (the watchdog was first): not an error
        }
    }

    /** A VIP narrower than the node's own network must not become the source of the node's traffic to its peers. */
    @Test
    void aVipInsideTheNodesNetworkGetsNoRouteOfItsOwnWhileOneOutsideKeepsIts() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.node("a", "10.88.0.11");
            VipActuator a = kernel(lab, "a", Duration.ofSeconds(30));
            Vip narrow = Vip.parse("10.88.0.100/28");
            a.add(narrow);
            a.renew(narrow);
            assertTrue(lab.addressLine("a", "10.88.0.100").contains("noprefixroute"), lab.addressLine("a", "10.88.0.100"));
            String route = lab.sh("ip -n %s route get 10.88.0.97", lab.name("a"));
            assertTrue(route.contains("src 10.88.0.11"), "a peer in the VIP's range is reached from the node's own address: " + route);
            a.drop(narrow);

            Vip elsewhere = Vip.parse("10.99.0.100/24");
            a.add(elsewhere);
            assertTrue(!lab.addressLine("a", "10.99.0.100").contains("noprefixroute"), lab.addressLine("a", "10.99.0.100"));
            String outside = lab.sh("ip -n %s route get 10.99.0.5", lab.name("a"));
            assertTrue(outside.contains("src 10.99.0.100"), "the VIP's own network stays reachable through it: " + outside);
        }
    }

    @Test
    void aStaleVipIsRemovedAtStartWhateverItsPrefixAndTheNodesOwnAddressStays() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.node("a", "10.88.0.11");
            lab.sh("ip -n %s addr add 10.88.0.100/32 dev eth0", lab.name("a"));
            lab.sh("ip -n %s addr add 10.88.0.101/24 dev eth0", lab.name("a"));

            kernel(lab, "a", Duration.ofSeconds(3)).removeStale(VIP);

            assertEquals(List.of("10.88.0.11/24", "10.88.0.101/24"), lab.addresses("a"));
        }
    }

    @Test
    void theKernelRemovesAVipNobodyRenewsOnceItsLifetimeRunsOut() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.node("a", "10.88.0.11");
            kernel(lab, "a", Duration.ofSeconds(1)).add(VIP);
            assertTrue(lab.addresses("a").contains("10.88.0.100/24"));
            assertTrue(NetnsLab.await(Duration.ofSeconds(5), () -> !has(lab, "a", "10.88.0.100/24")),
                    "the kernel removed the unrenewed VIP");
        }
    }

    @Test
    void gratuitousArpMovesTheClientsNeighbourEntryToTheNewActive() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.node("a", "10.88.0.11");
            lab.node("b", "10.88.0.12");
            VipActuator a = kernel(lab, "a", Duration.ofSeconds(3));
            VipActuator b = kernel(lab, "b", Duration.ofSeconds(3));
            a.add(VIP);
            // One datagram makes the client's kernel resolve the VIP, as any client's traffic would.
            lab.sh("ip netns exec %s bash -c 'echo hello > /dev/udp/10.88.0.100/9'", lab.name("client"));
            String first = lab.mac("a");
            assertTrue(NetnsLab.await(Duration.ofSeconds(2), () -> first.equals(neighbour(lab))), neighbour(lab));

            a.drop(VIP);
            b.add(VIP);
            b.announce(VIP);
            // No traffic from the client: only the announcement can teach it the new MAC.
            String expected = lab.mac("b");
            assertTrue(NetnsLab.await(Duration.ofSeconds(4), () -> expected.equals(neighbour(lab))),
                    "the client learned " + expected + " from gratuitous ARP, has " + neighbour(lab));
            assertEquals(Set.of(expected), lab.whoHas("10.88.0.100"));
            b.close();
        }
    }

    @Test
    void aFailedAddSaysWhatToCheck() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.node("a", "10.88.0.11");
            VipActuator wrong = new VipActuator(VipActuator.Mode.KERNEL, "eth9", "", Duration.ofSeconds(3), lab.in("a"));
            VipActuator.VipException e = assertThrows(VipActuator.VipException.class, () -> wrong.add(VIP));
            assertTrue(e.getMessage().contains("check that eth9 exists and is up"), e.getMessage());
        }
    }

    private static boolean has(NetnsLab lab, String node, String address) {
        try {
            return lab.addresses(node).contains(address);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String neighbour(NetnsLab lab) {
        try {
            return lab.clientNeighbour("10.88.0.100");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
