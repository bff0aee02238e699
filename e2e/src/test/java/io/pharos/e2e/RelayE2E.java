package io.pharos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Clients behind ISC dhcrelay: two client networks routed to the server's network through a router
 * namespace. Each relayed client must get an address of its own network (chosen by giaddr, RFC 2131
 * §4.3.1), and the relay agent information dhcrelay adds (-a) must come back in the replies (RFC 3046 §2.2).
 */
class RelayE2E {
    private static final String SERVER_IP = "10.213.0.1";
    private static final String RELAY_IP = "10.213.0.254";

    @Test
    void relayedClientsLandInTheirOwnSubnetsAndOption82IsEchoed() throws IOException, InterruptedException {
        Requirements.assumeRoot();
        Requirements.assumeBinaries("dhcrelay", "udhcpc", "tcpdump");
        try (NetnsLab lab = NetnsLab.create()) {
            for (String bridge : List.of("core", "lan1", "lan2")) lab.bridge(bridge);
            String server = lab.namespace("srv");
            lab.plug(server, "eth0", "core", null);
            lab.address(server, "eth0", SERVER_IP + "/24");
            lab.route(server, "10.213.1.0/24", RELAY_IP);
            lab.route(server, "10.213.2.0/24", RELAY_IP);

            String router = lab.namespace("router");
            lab.plug(router, "eth0", "core", null);
            lab.plug(router, "eth1", "lan1", null);
            lab.plug(router, "eth2", "lan2", null);
            lab.address(router, "eth0", RELAY_IP + "/24");
            lab.address(router, "eth1", "10.213.1.1/24");
            lab.address(router, "eth2", "10.213.2.1/24");
            lab.exec(router, "sysctl", "-w", "net.ipv4.ip_forward=1").orFail();

            String client1 = lab.namespace("c1");
            lab.plug(client1, "eth0", "lan1", "02:13:00:00:04:01");
            String client2 = lab.namespace("c2");
            lab.plug(client2, "eth0", "lan2", "02:13:00:00:04:02");

            try (PharosProcess pharos = PharosProcess.start(lab, server, "--advertise-address", SERVER_IP,
                    "--dhcp-interfaces", "eth0")) {
                PharosApi api = pharos.api();
                api.cli("subnets", "create", "lan1", "--cidr", "10.213.1.0/24", "--range", "10.213.1.100-10.213.1.199",
                        "--option", "router=10.213.1.1").orFail();
                api.cli("subnets", "create", "lan2", "--cidr", "10.213.2.0/24", "--range", "10.213.2.100-10.213.2.199",
                        "--option", "router=10.213.2.1").orFail();

                Path capture = lab.workDir().resolve("relay-uplink.txt");
                Process tcpdump = lab.start(router, capture, "tcpdump", "-i", "eth0", "-n", "-vv", "-l",
                        "-c", "40", "udp", "and", "src", "host", SERVER_IP, "and", "port", "67");
                Process relay = lab.start(router, lab.workDir().resolve("dhcrelay.log"), "dhcrelay", "-4", "-d",
                        "-a", "--no-pid", "-id", "eth1", "-id", "eth2", "-iu", "eth0", SERVER_IP);
                Thread.sleep(1500); // dhcrelay and tcpdump open their sockets

                Map<String, String> lease1 = obtain(lab, client1);
                Map<String, String> lease2 = obtain(lab, client2);
                assertTrue(lease1.getOrDefault("ip", "").startsWith("10.213.1."), "client on lan1 got " + lease1);
                assertEquals("10.213.1.1", lease1.get("router"));
                assertTrue(lease2.getOrDefault("ip", "").startsWith("10.213.2."), "client on lan2 got " + lease2);
                assertEquals("10.213.2.1", lease2.get("router"));

                List<JsonNode> leases = Leases.list(api);
                assertEquals("lan1", Leases.byMac(leases, "02:13:00:00:04:01").orElseThrow().path("subnet").asText());
                assertEquals("lan2", Leases.byMac(leases, "02:13:00:00:04:02").orElseThrow().path("subnet").asText());

                Thread.sleep(500); // the last reply reaches the capture
                Processes.terminate(tcpdump);
                Processes.killTree(relay);
                String replies = Files.readString(capture);
                assertTrue(replies.contains("Agent-Information"),
                        "the server's replies to the relay must echo option 82 (RFC 3046 §2.2); capture:\n" + replies);
            }
        }
    }

    private static Map<String, String> obtain(NetnsLab lab, String ns) {
        Udhcpc udhcpc = new Udhcpc(lab, ns);
        ExecResult result = udhcpc.obtain("eth0");
        assertEquals(0, result.exitCode(), result.describe());
        return udhcpc.env("bound");
    }
}
