package io.pharos.node.dhcp;

import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.protocols.MalformedPacketException;
import io.pharos.protocols.dhcp.DhcpCodec;
import io.pharos.protocols.dhcp.DhcpMessage;
import io.pharos.protocols.dhcp.DhcpMessageType;
import io.pharos.protocols.dhcp.DhcpOption;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small DHCP client (or relay) on a loopback address, speaking through the real codec. Shares its port
 * with the server's wildcard socket, as a relay on the server port does (SO_REUSEADDR).
 */
final class TestDhcpClient implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress server;

    TestDhcpClient(InetSocketAddress bind, InetSocketAddress server) throws IOException {
        this.socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.setReceiveBufferSize(4 << 20);
        socket.bind(bind);
        this.server = server;
    }

    static DhcpMessage message(DhcpMessageType type, int xid, Mac mac, Ipv4 giaddr, DhcpOption... options) {
        List<DhcpOption> all = new ArrayList<>();
        all.add(DhcpOption.u8(DhcpOption.MESSAGE_TYPE, type.code()));
        all.addAll(List.of(options));
        DhcpMessage plain = DhcpMessage.request(xid, mac, all);
        return new DhcpMessage(plain.op(), plain.htype(), plain.hlen(), giaddr.isAny() ? 0 : 1, xid, 0, 0, Ipv4.ANY,
                Ipv4.ANY, Ipv4.ANY, giaddr, plain.chaddr(), "", "", plain.options());
    }

    void send(DhcpMessage message) throws IOException {
        sendRaw(DhcpCodec.encode(message));
    }

    void sendRaw(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /** The next reply within the timeout, or empty; a datagram that does not decode fails the test. */
    Optional<DhcpMessage> receive(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(DhcpCodec.decode(buffer, packet.getLength()));
        } catch (MalformedPacketException e) {
            throw new AssertionError("the server sent an undecodable reply: " + e.getMessage(), e);
        }
    }

    DhcpMessage expect(DhcpMessageType type, int xid) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<DhcpMessage> reply = receive(200);
            if (reply.isPresent() && reply.get().xid() == xid) {
                if (reply.get().messageType().orElseThrow() != type)
                    throw new AssertionError("expected " + type + " but got " + reply.get());
                return reply.get();
            }
        }
        throw new AssertionError("no " + type + " for xid " + Integer.toHexString(xid) + " within 5 s");
    }

    static InetAddress inet(Ipv4 address) throws IOException {
        return InetAddress.getByAddress(address.toBytes());
    }

    @Override
    public void close() {
        socket.close();
    }
}
