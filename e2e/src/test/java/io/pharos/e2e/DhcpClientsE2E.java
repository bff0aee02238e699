package io.pharos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real DHCP clients (ISC dhclient, busybox udhcpc) against Pharos over a bridge: the subnet is created with
 * the CLI and every option it sets must reach the client; renew, release, decline and reservations work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DhcpClientsE2E {
    private static final String RANGE_FIRST = "10.213.0.100";
    private static final String RANGE_LAST = "10.213.0.199";
    private ServerLan lan;
    private PharosApi api;

    @BeforeAll
    void startServer() {
        Requirements.assumeRoot();
        Requirements.assumeBinaries("dhclient", "udhcpc");
        lan = ServerLan.start();
        api = lan.api();
        api.cli("subnets", "create", "lan",
                "--cidr", "10.213.0.0/24",
                "--range", RANGE_FIRST + "-" + RANGE_LAST,
                "--lease-time", "60",
                "--option", "router=10.213.0.1",
                "--option", "dns=10.213.0.53,10.213.0.54",
                "--option", "domain-name=e2e.example",
                "--option", "ntp-servers=10.213.0.123",
                "--option", "interface-mtu=1400",
                // T1 of 5 s instead of 30 s keeps the renewal test short (RFC 2131 §4.4.5).
                "--option", "renewal-time=5").orFail();
    }

    @AfterAll
    void stopServer() {
        if (lan != null) lan.close();
    }

    @Test
    void dhclientGetsTheSubnetOptionsRenewsAndReleases() throws InterruptedException {
        String mac = "02:13:00:00:01:01";
        String client = lan.client("dhc1", mac);
        Dhclient dhclient = new Dhclient(lan.lab(), client, "eth0", false);

        ExecResult obtained = dhclient.obtain();
        assertEquals(0, obtained.exitCode(), obtained.describe());
        Map<String, String> bound = dhclient.env("BOUND");
        String address = bound.get("new_ip_address");
        assertInPool(address, bound);
        assertEquals("255.255.255.0", bound.get("new_subnet_mask"));
        assertEquals("10.213.0.1", bound.get("new_routers"));
        assertEquals("10.213.0.53 10.213.0.54", bound.get("new_domain_name_servers"));
        assertEquals("e2e.example", bound.get("new_domain_name"));
        assertEquals("10.213.0.123", bound.get("new_ntp_servers"));
        assertEquals("1400", bound.get("new_interface_mtu"));
        assertEquals(ServerLan.SERVER_IP, bound.get("new_dhcp_server_identifier"));
        assertEquals("60", bound.get("new_dhcp_lease_time"));

        JsonNode lease = Leases.byAddress(Leases.list(api), address)
                .orElseThrow(() -> new AssertionError("no lease for " + address + " in pharos leases list"));
        assertEquals(mac, lease.path("mac").asText());
        assertEquals("BOUND", lease.path("state").asText());
        assertEquals("lan", lease.path("subnet").asText());
        long firstExpiry = lease.path("expiresAt").asLong();

        assertTrue(dhclient.awaitReason("RENEW", Duration.ofSeconds(50)),
                "dhclient did not renew within 50 s; script events: " + dhclient.reasons());
        assertEquals(address, dhclient.env("RENEW").get("new_ip_address"));
        long renewedExpiry = Leases.byAddress(Leases.list(api), address).orElseThrow().path("expiresAt").asLong();
        assertTrue(renewedExpiry > firstExpiry, "a renewal must extend the lease: " + firstExpiry + " -> " + renewedExpiry);

        ExecResult released = dhclient.release();
        assertEquals(0, released.exitCode(), released.describe());
        Leases.awaitState(api, address, "RELEASED", Duration.ofSeconds(10));
    }

    @Test
    void udhcpcGetsALeaseWithTheSubnetOptions() {
        String mac = "02:13:00:00:01:02";
        String client = lan.client("udh1", mac);
        Udhcpc udhcpc = new Udhcpc(lan.lab(), client);

        ExecResult result = udhcpc.obtain("eth0");
        assertEquals(0, result.exitCode(), result.describe());
        Map<String, String> env = udhcpc.env("bound");
        String address = env.get("ip");
        assertInPool(address, env);
        assertEquals("255.255.255.0", env.get("subnet"));
        assertEquals("10.213.0.1", env.get("router"));
        assertEquals("10.213.0.53 10.213.0.54", String.valueOf(env.get("dns")).strip());
        assertEquals("e2e.example", env.get("domain"));
        assertEquals("10.213.0.123", String.valueOf(env.get("ntpsrv")).strip());
        assertEquals("1400", env.get("mtu"));
        assertEquals(ServerLan.SERVER_IP, env.get("serverid"));

        JsonNode lease = Leases.byAddress(Leases.list(api), address).orElseThrow();
        assertEquals(mac, lease.path("mac").asText());
        assertEquals("BOUND", lease.path("state").asText());
    }

    @Test
    void aReservationGivesItsAddressAndHostname() {
        String mac = "02:13:00:00:01:03";
        api.cli("reservations", "create", "--mac", mac, "--address", "10.213.0.50", "--hostname", "reserved-e2e").orFail();
        String client = lan.client("res1", mac);
        Dhclient dhclient = new Dhclient(lan.lab(), client, "eth0", false);

        ExecResult obtained = dhclient.obtain();
        assertEquals(0, obtained.exitCode(), obtained.describe());
        Map<String, String> bound = dhclient.env("BOUND");
        assertEquals("10.213.0.50", bound.get("new_ip_address"), bound.toString());
        assertEquals("reserved-e2e", bound.get("new_host_name"), bound.toString());
        dhclient.stop();
    }

    @Test
    void aDeclinedAddressIsQuarantinedAndTheNextOfferDiffers() throws InterruptedException {
        String mac = "02:13:00:00:01:04";
        String client = lan.client("dec1", mac);
        Dhclient declining = new Dhclient(lan.lab(), client, "eth0", true);

        ExecResult declined = declining.obtain();
        assertNotEquals(0, declined.exitCode(), "dhclient -1 exits non-zero after declining: " + declined.describe());
        String declinedAddress = declining.env("BOUND").get("new_ip_address");
        assertTrue(declinedAddress != null, "the script never saw an ACK: " + declined.describe());
        Leases.awaitState(api, declinedAddress, "DECLINED", Duration.ofSeconds(10));

        Dhclient accepting = new Dhclient(lan.lab(), client, "eth0", false);
        ExecResult obtained = accepting.obtain();
        assertEquals(0, obtained.exitCode(), obtained.describe());
        assertNotEquals(declinedAddress, accepting.env("BOUND").get("new_ip_address"),
                "a declined address must not be offered again while quarantined (RFC 2131 §4.3.3)");
        accepting.stop();
    }

    private static void assertInPool(String address, Map<String, String> clientView) {
        assertTrue(address != null && address.matches("10\\.213\\.0\\.\\d+")
                        && lastOctet(address) >= lastOctet(RANGE_FIRST) && lastOctet(address) <= lastOctet(RANGE_LAST),
                "leased address " + address + " is not in " + RANGE_FIRST + "-" + RANGE_LAST + "; client saw " + clientView);
    }

    private static int lastOctet(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf('.') + 1));
    }
}
