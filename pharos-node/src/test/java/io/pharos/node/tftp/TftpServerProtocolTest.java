package io.pharos.node.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pharos.protocols.tftp.TftpCodec;
import io.pharos.protocols.tftp.TftpLimits;
import io.pharos.protocols.tftp.TftpPacket;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on 127.0.0.1 against a hand-driven client socket, for behaviour real clients rarely show. */
class TftpServerProtocolTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path root;
    TftpServer server;
    int port;
    DatagramSocket client;
    final AtomicBoolean mayServe = new AtomicBoolean(true);

    @BeforeEach
    void startServer() throws IOException {
        Files.write(root.resolve("file-2000"), new byte[2000]);
        TftpLimits limits = new TftpLimits(TftpLimits.MAX_BLKSIZE, 64, Duration.ofSeconds(1), 2);
        server = new TftpServer(new InetSocketAddress(LOOPBACK, 0), new BootRootFileSource(root), limits, 64,
                mayServe::get);
        server.start();
        port = server.localAddress().getPort();
        client = new DatagramSocket(0, LOOPBACK);
        client.setSoTimeout(5000);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void tsizeOnlyClientThatAbortsIsCountedAsAbortedNotAsError() throws Exception {
        send(client, new TftpPacket.ReadRequest("file-2000", "octet", Map.of("tsize", "0")), port);
        DatagramPacket reply = receive(client);
        assertNotEquals(port, reply.getPort(), "answers come from a fresh transfer ID (RFC 1350 §4)");
        assertEquals(new TftpPacket.OptionAck(Map.of("tsize", "2000")), decode(reply));

        send(client, new TftpPacket.Error(TftpPacket.Error.OPTION_REFUSED, "tsize only"), reply.getPort());
        awaitStats(stats -> stats.aborted() == 1);
        assertEquals(0, server.stats().errors());
    }

    @Test
    void newRequestsAreDroppedOnceTheLeaderLeaseHasRunOut() throws Exception {
        mayServe.set(false);
        send(client, new TftpPacket.ReadRequest("file-2000", "octet", Map.of()), port);
        awaitStats(stats -> stats.notActive() == 1);
        client.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, () -> receive(client), "no answer, not even an error");
        assertEquals(0, server.stats().refused() + server.stats().errors());

        mayServe.set(true);
        client.setSoTimeout(5000);
        send(client, new TftpPacket.ReadRequest("file-2000", "octet", Map.of()), port);
        assertEquals(512, ((TftpPacket.Data) decode(receive(client))).length(), "the retry is served");
    }

    @Test
    void pxeProbeThenFetchFromTheSamePortIsServedAtOnce() throws Exception {
        send(client, new TftpPacket.ReadRequest("file-2000", "octet", Map.of("tsize", "0")), port);
        DatagramPacket probe = receive(client);
        send(client, new TftpPacket.Error(TftpPacket.Error.NOT_DEFINED, "TFTP Aborted"), probe.getPort());
        send(client, new TftpPacket.ReadRequest("file-2000", "octet", Map.of("blksize", "1024")), port);

        DatagramPacket oack = receive(client);
        assertEquals(new TftpPacket.OptionAck(Map.of("blksize", "1024")), decode(oack));
        send(client, new TftpPacket.Ack(0), oack.getPort());
        assertEquals(1024, ((TftpPacket.Data) decode(receive(client))).length());
        send(client, new TftpPacket.Ack(1), oack.getPort());
        assertEquals(2000 - 1024, ((TftpPacket.Data) decode(receive(client))).length());
        send(client, new TftpPacket.Ack(2), oack.getPort());
        awaitStats(stats -> stats.transfersCompleted() == 1 && stats.aborted() == 1);
    }

    @Test
    void writeRequestsAreRefusedAsReadOnly() throws Exception {
        send(client, new TftpPacket.WriteRequest("upload", "octet", Map.of()), port);
        TftpPacket.Error error = (TftpPacket.Error) decode(receive(client));
        assertEquals(TftpPacket.Error.ACCESS_VIOLATION, error.code());
        assertTrue(error.message().contains("read-only"), error.message());
        assertFalse(Files.exists(root.resolve("upload")));
        awaitStats(stats -> stats.refused() == 1);
    }

    @Test
    void unknownModeAndMissingFileAreRefused() throws Exception {
        send(client, new TftpPacket.ReadRequest("file-2000", "mail"), port);
        assertEquals(TftpPacket.Error.ILLEGAL_OPERATION, ((TftpPacket.Error) decode(receive(client))).code());
        send(client, new TftpPacket.ReadRequest("missing", "octet"), port);
        assertEquals(TftpPacket.Error.FILE_NOT_FOUND, ((TftpPacket.Error) decode(receive(client))).code());
    }

    @Test
    void aClientThatStopsAnsweringIsGivenUpAfterTheRetries() throws Exception {
        send(client, new TftpPacket.ReadRequest("file-2000", "octet"), port);
        DatagramPacket first = receive(client);
        for (int retransmission = 0; retransmission < 2; retransmission++) {
            DatagramPacket again = receive(client);
            assertEquals(first.getPort(), again.getPort());
            assertEquals(decode(first), decode(again));
        }
        awaitStats(stats -> stats.errors() == 1);
        assertEquals(0, server.stats().transfersCompleted());
    }

    @Test
    void aRetransmittedRequestDoesNotStartASecondTransfer() throws Exception {
        TftpPacket.ReadRequest request = new TftpPacket.ReadRequest("file-2000", "octet");
        send(client, request, port);
        send(client, request, port);
        DatagramPacket first = receive(client);
        client.setSoTimeout(500);
        try {
            DatagramPacket second = receive(client);
            assertEquals(first.getPort(), second.getPort(), "only one transfer ID answers");
        } catch (SocketTimeoutException expected) {
            // no second transfer
        }
        assertEquals(1, server.stats().requests());
    }

    @Test
    void aStrangerOnTheTransferPortGetsUnknownTidAndTheTransferGoesOn() throws Exception {
        send(client, new TftpPacket.ReadRequest("file-2000", "octet"), port);
        DatagramPacket block1 = receive(client);
        int transferPort = block1.getPort();
        try (DatagramSocket stranger = new DatagramSocket(0, LOOPBACK)) {
            stranger.setSoTimeout(5000);
            send(stranger, new TftpPacket.Ack(1), transferPort);
            TftpPacket.Error error = (TftpPacket.Error) decode(receive(stranger));
            assertEquals(TftpPacket.Error.UNKNOWN_TRANSFER_ID, error.code());
        }
        client.send(new DatagramPacket(new byte[] {0, 4, 0}, 3, LOOPBACK, transferPort));
        for (int block = 1; block <= 3; block++) {
            send(client, new TftpPacket.Ack(block), transferPort);
            TftpPacket.Data data = (TftpPacket.Data) decode(receive(client));
            assertEquals(block + 1, data.block());
        }
        send(client, new TftpPacket.Ack(4), transferPort);
        awaitStats(stats -> stats.transfersCompleted() == 1);
        assertEquals(1, server.stats().malformedDropped());
    }

    @Test
    void startFailureNamesTheAddressAndTheFix() throws IOException {
        TftpServer second = new TftpServer(new InetSocketAddress(LOOPBACK, port), new BootRootFileSource(root));
        BindException failure = assertThrows(BindException.class, second::start);
        assertTrue(failure.getMessage().contains("127.0.0.1:" + port), failure.getMessage());
        assertTrue(failure.getMessage().contains("--tftp-address"), failure.getMessage());
    }

    private void awaitStats(Predicate<TftpStats> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.test(server.stats())) {
            if (System.nanoTime() > deadline) fail("stats never reached the expected state: " + server.stats());
            Thread.sleep(20);
        }
    }

    private static void send(DatagramSocket socket, TftpPacket packet, int toPort) throws IOException {
        byte[] wire = TftpCodec.encode(packet);
        socket.send(new DatagramPacket(wire, wire.length, LOOPBACK, toPort));
    }

    private static DatagramPacket receive(DatagramSocket socket) throws IOException {
        DatagramPacket datagram = new DatagramPacket(new byte[70_000], 70_000);
        socket.receive(datagram);
        return datagram;
    }

    private static TftpPacket decode(DatagramPacket datagram) throws Exception {
        return TftpCodec.decode(datagram.getData(), datagram.getLength());
    }
}
