package io.pharos.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.net.Ipv4;
import io.pharos.core.state.State;
import io.pharos.node.config.NodeSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActiveDhcpTest {
    @TempDir
    Path dir;

    @Test
    void aRunningServerFollowsTheVipOnceItIsSetAndStaysStoppedWhenStopped() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        NodeSettings settings = new NodeSettings(dir, "n1", loopback, loopback, loopback, loopback, List.of("lo"),
                dir.resolve("boot"), null, "", NodeSettings.Cluster.STANDALONE);
        AtomicReference<Ipv4> advertised = new AtomicReference<>();
        State state = new State();
        ActiveDhcp dhcp = new ActiveDhcp(state, command -> CompletableFuture.completedFuture(state.apply(command)),
                settings, 8080, advertised::get, Clock.systemUTC(), () -> true,
                new PrintStream(new ByteArrayOutputStream()));
        dhcp.start();
        try {
            assertNull(dhcp.answeringAs());
            dhcp.followAdvertisedAddress();
            assertNull(dhcp.answeringAs(), "nothing changed, nothing restarted");

            advertised.set(Ipv4.parse("127.0.0.100"));
            dhcp.followAdvertisedAddress();
            assertEquals(Ipv4.parse("127.0.0.100"), dhcp.answeringAs());
            assertTrue(dhcp.problem().isEmpty(), "restarted and healthy");
        } finally {
            dhcp.stop();
        }
        advertised.set(Ipv4.parse("127.0.0.101"));
        dhcp.followAdvertisedAddress();
        assertNull(dhcp.answeringAs(), "a stopped (passive) node does not start serving on its own");
    }
}
