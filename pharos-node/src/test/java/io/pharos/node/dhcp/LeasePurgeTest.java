package io.pharos.node.dhcp;

import static org.junit.jupiter.api.Assertions.*;

import io.pharos.core.command.Command;
import io.pharos.core.model.Subnet;
import io.pharos.core.net.Cidr;
import io.pharos.core.net.IpRange;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LeasePurgeTest {
    static final long NOW = 1_700_000_000_000L;
    static final long DAY = 86_400_000L;

    @Test
    void leasesEndedLongerAgoThanTheRetentionArePurgedAndOthersKept() throws IOException, InterruptedException {
        State state = new State();
        state.apply(new Command.PutSubnet(new Subnet("loop", Cidr.parse("127.0.0.0/24"),
                List.of(IpRange.parse("127.0.0.100-127.0.0.199")), 3600, Map.of(), null)));
        bind(state, 1, "127.0.0.100", NOW - 2 * DAY - 1, NOW - 2 * DAY);
        bind(state, 2, "127.0.0.101", NOW - DAY / 2 - 1, NOW - DAY / 2);
        bind(state, 3, "127.0.0.102", NOW, NOW + 3_600_000);
        TestCommandLog commandLog = new TestCommandLog(state);
        DhcpServerSettings settings = DhcpServerSettings.defaults()
                .withListen(new InetSocketAddress("0.0.0.0", DhcpServerTest.freePort()))
                .withInterfaces(List.of("lo")).withPurge(Duration.ofDays(1), Duration.ofMillis(50));
        DhcpServer server = new DhcpServer(state, commandLog, settings, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        server.start();
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (state.leaseByAddress(Ipv4.parse("127.0.0.100")).isPresent() && System.nanoTime() < deadline) Thread.sleep(20);
            Thread.sleep(300);
        } finally {
            server.stop();
        }
        assertTrue(state.leaseByAddress(Ipv4.parse("127.0.0.100")).isEmpty(), "ended two days ago: purged");
        assertTrue(state.leaseByAddress(Ipv4.parse("127.0.0.101")).isPresent(), "ended half a day ago: kept");
        assertTrue(state.leaseByAddress(Ipv4.parse("127.0.0.102")).isPresent(), "active: kept");
        assertEquals(List.of(new Command.PurgeLeases(NOW - DAY)), commandLog.submitted(),
                "one purge, and none proposed once nothing is due");
    }

    private static void bind(State state, int n, String address, long now, long expiresAt) {
        Mac mac = new Mac(0x02_00_00_00_00_00L + n);
        state.apply(new Command.BindLease(Ipv4.parse(address), mac, mac.toString(), null, "loop", now, expiresAt));
    }
}
