package io.pharos.node.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeldConnectionTest {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofMillis(50);

    @Test
    void aPeerThatKeepsTheConnectionOrTalksHasNotEndedIt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             HeldConnection held = new HeldConnection(address(server))) {
            assertEquals(HeldConnection.Opening.HELD, held.open(OPEN_TIMEOUT));
            try (Socket peer = server.accept()) {
                assertFalse(held.endsWithin(SHORT), "idle");
                peer.getOutputStream().write(new byte[1000]);
                peer.getOutputStream().flush();
                assertFalse(held.endsWithin(SHORT), "it sent its greeting");
                assertFalse(held.endsWithin(SHORT), "the greeting was read away, still open");
                assertTrue(held.isOpen());
            }
        }
    }

    @Test
    void theEndOfTheConnectionIsSeenAtOnceAndAClosedPortRefuses() throws Exception {
        InetSocketAddress address;
        try (HeldConnection held = heldToClosingPeer()) {
            address = held.address();
            assertTrue(held.endsWithin(Duration.ofSeconds(10)), "the peer closed its end");
            assertFalse(held.isOpen());
            assertEquals(HeldConnection.Opening.REFUSED, held.open(OPEN_TIMEOUT), "nothing listens any more");
            assertFalse(held.isOpen());
        }
        assertTrue(LeaderCrashWatch.refuses(address));
    }

    @Test
    void onlyAClosedPortCountsAsRefused() throws Exception {
        InetSocketAddress address;
        try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            address = address(open);
            assertFalse(LeaderCrashWatch.refuses(address), "something listens");
        }
        assertTrue(LeaderCrashWatch.refuses(address), "nothing listens any more");
    }

    /** A connection held to a server that then closes the accepted socket and stops listening. */
    private static HeldConnection heldToClosingPeer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HeldConnection held = new HeldConnection(address(server));
            assertEquals(HeldConnection.Opening.HELD, held.open(OPEN_TIMEOUT));
            server.accept().close();
            return held;
        }
    }

    private static InetSocketAddress address(ServerSocket server) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }
}
