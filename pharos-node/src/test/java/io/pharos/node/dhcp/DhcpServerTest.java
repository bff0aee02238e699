package io.pharos.node.dhcp;

import static io.pharos.node.dhcp.TestDhcpClient.message;
import static org.junit.jupiter.api.Assertions.*;

import io.pharos.core.command.Command;
import io.pharos.core.model.Lease;
import io.pharos.core.model.Subnet;
import io.pharos.core.net.Cidr;
import io.pharos.core.net.IpRange;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import io.pharos.protocols.dhcp.DhcpMessage;
import io.pharos.protocols.dhcp.DhcpMessageType;
import io.pharos.protocols.dhcp.DhcpOption;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The DHCP server on loopback high ports, with a real state and a test log. The test client plays a relay
 * at 127.0.0.2 (giaddr), so replies come back by unicast to it on the server port.
 */
@Timeout(60)
class DhcpServerTest {
    static final long NOW = 1_700_000_000_000L;
    static final Ipv4 SERVER = Ipv4.parse("127.0.0.1");
    static final Ipv4 RELAY = Ipv4.parse("127.0.0.2");

    final State state = new State();
    final TestCommandLog commandLog = new TestCommandLog(state);
    final AtomicBoolean mayServe = new AtomicBoolean(true);
    int serverPort;
    int clientPort;
    DhcpServer server;
    TestDhcpClient relay;

    static int freePort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }

    @BeforeEach
    void start() throws IOException {
        state.apply(new Command.PutSubnet(new Subnet("loop", Cidr.parse("127.0.0.0/24"),
                List.of(IpRange.parse("127.0.0.100-127.0.0.199")), 3600, Map.of("router", "127.0.0.254"), null)));
        serverPort = freePort();
        clientPort = freePort();
        server = new DhcpServer(state, commandLog, settings(), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC),
                mayServe::get);
        server.start();
        relay = new TestDhcpClient(new InetSocketAddress("127.0.0.2", serverPort), new InetSocketAddress("127.0.0.1", serverPort));
    }

    DhcpServerSettings settings() {
        return DhcpServerSettings.defaults().withListen(new InetSocketAddress("0.0.0.0", serverPort))
                .withClientPort(clientPort).withInterfaces(List.of("lo"));
    }

    @AfterEach
    void stop() {
        relay.close();
        server.stop();
    }

    static Mac mac(int n) {
        return new Mac(0x02_00_00_00_00_00L + n);
    }

    DhcpMessage offer(int n) throws IOException {
        relay.send(message(DhcpMessageType.DISCOVER, 0x100 + n, mac(n), RELAY));
        return relay.expect(DhcpMessageType.OFFER, 0x100 + n);
    }

    DhcpMessage request(int n, Ipv4 address) throws IOException {
        relay.send(message(DhcpMessageType.REQUEST, 0x200 + n, mac(n), RELAY,
                DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, SERVER), DhcpOption.ip(DhcpOption.REQUESTED_ADDRESS, address)));
        return relay.receive(5000).orElseThrow(() -> new AssertionError("no reply to the REQUEST"));
    }

    @Test
    void aRelayedClientIsOfferedThenAckedAnAddressThatIsCommitted() throws IOException {
        assertEquals(List.of(new InetSocketAddress("0.0.0.0", serverPort), new InetSocketAddress("127.0.0.1", serverPort)),
                server.localAddresses());
        DhcpMessage offer = offer(1);
        assertTrue(offer.yiaddr().compareTo(Ipv4.parse("127.0.0.100")) >= 0 && offer.yiaddr().compareTo(Ipv4.parse("127.0.0.199")) <= 0,
                offer.toString());
        assertEquals(RELAY, offer.giaddr());
        assertEquals(SERVER, offer.serverIdentifier().orElseThrow());
        assertEquals(Ipv4.parse("127.0.0.254"), offer.option(DhcpOption.ROUTER).orElseThrow().asIp().orElseThrow());
        assertEquals(3600, offer.leaseTime().orElseThrow());
        assertTrue(state.leases().isEmpty(), "an offer commits nothing");

        DhcpMessage ack = request(1, offer.yiaddr());
        assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
        assertEquals(offer.yiaddr(), ack.yiaddr());
        Lease lease = state.leaseByAddress(offer.yiaddr()).orElseThrow();
        assertEquals(mac(1), lease.mac());
        assertEquals(NOW + 3_600_000, lease.expiresAt());

        DhcpStats stats = server.stats();
        assertEquals(1, stats.offers());
        assertEquals(1, stats.acks());
        assertEquals(1L, stats.received().get("discover"));
        assertEquals(1L, stats.received().get("request"));
    }

    @Test
    void aRequestForAnotherClientsAddressIsNaked() throws IOException {
        Ipv4 taken = offer(1).yiaddr();
        assertEquals(DhcpMessageType.ACK, request(1, taken).messageType().orElseThrow());
        DhcpMessage nak = request(2, taken);
        assertEquals(DhcpMessageType.NAK, nak.messageType().orElseThrow());
        assertTrue(nak.broadcast(), "a relayed NAK asks the relay to broadcast it (RFC 2131 §4.3.2)");
        assertEquals(mac(1), state.leaseByAddress(taken).orElseThrow().mac());
        assertEquals(1, server.stats().naks());
    }

    @Test
    void malformedDatagramsAreCountedAndTheServerKeepsAnswering() throws IOException {
        relay.sendRaw(new byte[] {1, 2, 3});
        byte[] badCookie = new byte[300];
        badCookie[0] = 1;
        relay.sendRaw(badCookie);
        byte[] overrun = java.util.Arrays.copyOf(io.pharos.protocols.dhcp.DhcpCodec.encode(
                message(DhcpMessageType.DISCOVER, 9, mac(9), RELAY)), 300);
        overrun[240] = 12;
        overrun[241] = (byte) 200;
        relay.sendRaw(overrun);
        DhcpMessage offer = offer(3);
        assertEquals(DhcpMessageType.OFFER, offer.messageType().orElseThrow());
        assertEquals(3, server.stats().malformed());
    }

    @Test
    void theAckIsSentOnlyAfterTheCommit() throws IOException {
        Ipv4 address = offer(1).yiaddr();
        commandLog.mode(TestCommandLog.Mode.HOLD);
        relay.send(message(DhcpMessageType.REQUEST, 0x201, mac(1), RELAY,
                DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, SERVER), DhcpOption.ip(DhcpOption.REQUESTED_ADDRESS, address)));
        assertTrue(relay.receive(500).isEmpty(), "no ACK while the binding is not committed");
        // Meanwhile the address is not offered to anyone else.
        assertNotEquals(address, offer(2).yiaddr());
        assertEquals(1, commandLog.release());
        DhcpMessage ack = relay.expect(DhcpMessageType.ACK, 0x201);
        assertEquals(address, ack.yiaddr());
    }

    @Test
    void noReplyLeavesOnceTheLeaderLeaseHasRunOut() throws IOException {
        mayServe.set(false);
        relay.send(message(DhcpMessageType.DISCOVER, 0x101, mac(1), RELAY));
        assertTrue(relay.receive(500).isEmpty(), "no OFFER from a node whose lease ran out");
        assertEquals(1, server.stats().ignored().get("not-active"));
        assertEquals(0, server.stats().offers());
        mayServe.set(true);
        assertEquals(DhcpMessageType.OFFER, offer(1).messageType().orElseThrow());
    }

    @Test
    void anAckWhoseCommitOutlastsTheLeaderLeaseIsDroppedButTheLeaseStaysCommitted() throws IOException {
        Ipv4 address = offer(1).yiaddr();
        commandLog.mode(TestCommandLog.Mode.HOLD);
        relay.send(message(DhcpMessageType.REQUEST, 0x201, mac(1), RELAY,
                DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, SERVER), DhcpOption.ip(DhcpOption.REQUESTED_ADDRESS, address)));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (commandLog.heldCount() == 0 && System.nanoTime() < deadline) Thread.onSpinWait();
        mayServe.set(false);
        assertEquals(1, commandLog.release());
        assertTrue(relay.receive(500).isEmpty(), "the ACK decided while active is not sent after the lease ran out");
        assertEquals(mac(1), state.leaseByAddress(address).orElseThrow().mac());
        assertEquals(1, server.stats().ignored().get("not-active"));
        assertEquals(0, server.stats().acks());
        mayServe.set(true);
        commandLog.mode(TestCommandLog.Mode.APPLY);
        assertEquals(DhcpMessageType.ACK, request(1, address).messageType().orElseThrow(), "the client's retry is answered");
    }

    @Test
    void aCommitCompletingAfterStopSendsNothingAndDoesNotDisturbTheLog() throws IOException {
        Ipv4 address = offer(1).yiaddr();
        commandLog.mode(TestCommandLog.Mode.HOLD);
        relay.send(message(DhcpMessageType.REQUEST, 0x201, mac(1), RELAY,
                DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, SERVER), DhcpOption.ip(DhcpOption.REQUESTED_ADDRESS, address)));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (commandLog.heldCount() == 0 && System.nanoTime() < deadline) Thread.onSpinWait();
        server.stop();
        assertEquals(1, assertDoesNotThrow(commandLog::release), "completing the commit must not throw into the log");
        assertTrue(relay.receive(300).isEmpty(), "a stopped server sends nothing");
    }

    @Test
    void aFailedCommitSendsNothingAndIsCounted() throws IOException {
        Ipv4 address = offer(1).yiaddr();
        commandLog.mode(TestCommandLog.Mode.FAIL);
        relay.send(message(DhcpMessageType.REQUEST, 0x201, mac(1), RELAY,
                DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, SERVER), DhcpOption.ip(DhcpOption.REQUESTED_ADDRESS, address)));
        assertTrue(relay.receive(500).isEmpty());
        assertEquals(1, server.stats().commitFailures());
        commandLog.mode(TestCommandLog.Mode.APPLY);
        assertEquals(DhcpMessageType.ACK, request(1, address).messageType().orElseThrow(), "the client's retry succeeds");
    }

    @Test
    void aRenewingClientIsAnsweredByUnicastToItsAddress() throws IOException {
        Ipv4 address = offer(1).yiaddr();
        request(1, address);
        try (TestDhcpClient bound = new TestDhcpClient(new InetSocketAddress(TestDhcpClient.inet(address), clientPort),
                new InetSocketAddress("127.0.0.1", serverPort))) {
            bound.send(message(DhcpMessageType.REQUEST, 0x301, mac(1), Ipv4.ANY).withCiaddr(address));
            DhcpMessage ack = bound.expect(DhcpMessageType.ACK, 0x301);
            assertEquals(address, ack.yiaddr());
            assertEquals(address, ack.ciaddr());
        }
    }

    @Test
    void pxeClientsAreToldWhatToBoot() throws IOException {
        relay.send(message(DhcpMessageType.DISCOVER, 0x401, mac(4), RELAY,
                DhcpOption.text(DhcpOption.VENDOR_CLASS, "PXEClient:Arch:00007:UNDI:003016"), DhcpOption.u16(DhcpOption.CLIENT_ARCH, 7)));
        DhcpMessage offer = relay.expect(DhcpMessageType.OFFER, 0x401);
        assertEquals("ipxe.efi", offer.file());
        assertEquals(SERVER, offer.siaddr());
        relay.send(message(DhcpMessageType.DISCOVER, 0x402, mac(4), RELAY,
                new DhcpOption(DhcpOption.USER_CLASS, "iPXE".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("http://127.0.0.1:8080/boot/ipxe/" + mac(4), relay.expect(DhcpMessageType.OFFER, 0x402).file());
    }

    @Test
    void requestsFromNetworksWithoutSubnetAreIgnoredAndCounted() throws IOException {
        relay.send(message(DhcpMessageType.DISCOVER, 0x501, mac(5), Ipv4.parse("10.99.0.1")));
        assertTrue(relay.receive(300).isEmpty());
        assertEquals(DhcpMessageType.OFFER, offer(6).messageType().orElseThrow());
        assertEquals(1L, server.stats().ignored().get("no-subnet"));
    }

    @Test
    void stopClosesTheSocketsAndStartServesAgain() throws IOException {
        server.stop();
        assertFalse(server.isRunning());
        assertEquals(List.of(), server.localAddresses());
        relay.send(message(DhcpMessageType.DISCOVER, 0x601, mac(7), RELAY));
        assertTrue(relay.receive(300).isEmpty(), "a stopped server answers nothing");
        server.start();
        assertEquals(DhcpMessageType.OFFER, offer(7).messageType().orElseThrow());
    }

    @Test
    void aServerListeningOnOneAddressServesRelayedRequests() throws IOException {
        server.stop();
        DhcpServer single = new DhcpServer(state, commandLog, settings().withListen(new InetSocketAddress("127.0.0.1", serverPort))
                .withInterfaces(List.of()), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        single.start();
        try {
            assertEquals(List.of(new InetSocketAddress("127.0.0.1", serverPort)), single.localAddresses());
            assertEquals(SERVER, offer(8).serverIdentifier().orElseThrow());
        } finally {
            single.stop();
        }
    }

    @Test
    void theAdvertiseAddressIsTheServerIdentifierAndBootHost() throws IOException {
        server.stop();
        Ipv4 vip = Ipv4.parse("127.0.0.53");
        DhcpServer advertised = new DhcpServer(state, commandLog, settings().withAdvertise(vip),
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        advertised.start();
        try {
            relay.send(message(DhcpMessageType.DISCOVER, 0x701, mac(9), RELAY,
                    new DhcpOption(DhcpOption.USER_CLASS, "iPXE".getBytes(StandardCharsets.US_ASCII))));
            DhcpMessage offer = relay.expect(DhcpMessageType.OFFER, 0x701);
            assertEquals(vip, offer.serverIdentifier().orElseThrow());
            assertEquals("http://127.0.0.53:8080/boot/ipxe/" + mac(9), offer.file());
            relay.send(message(DhcpMessageType.REQUEST, 0x702, mac(9), RELAY,
                    DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, vip), DhcpOption.ip(DhcpOption.REQUESTED_ADDRESS, offer.yiaddr())));
            assertEquals(offer.yiaddr(), relay.expect(DhcpMessageType.ACK, 0x702).yiaddr());
        } finally {
            advertised.stop();
        }
    }

    @Test
    void aPortInUseIsReportedWithTheFix() throws IOException {
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress("0.0.0.0", 0))) {
            DhcpServer other = new DhcpServer(state, commandLog,
                    settings().withListen(new InetSocketAddress("0.0.0.0", holder.getLocalPort())), Clock.systemUTC());
            java.net.BindException failure = assertThrows(java.net.BindException.class, other::start);
            assertTrue(failure.getMessage().startsWith("DHCP_BIND_FAILED cannot listen on udp 0.0.0.0:" + holder.getLocalPort()),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("ss -ulpn"), failure.getMessage());
            assertFalse(other.isRunning());
        }
    }

    @Test
    void anUnknownInterfaceIsReportedWithTheFix() {
        DhcpServer other = new DhcpServer(state, commandLog, settings().withInterfaces(List.of("nosuch0")), Clock.systemUTC());
        java.net.BindException failure = assertThrows(java.net.BindException.class, other::start);
        assertTrue(failure.getMessage().contains("interface 'nosuch0' does not exist"), failure.getMessage());
    }
}
