package io.pharos.node.dhcp;

import io.pharos.core.net.Ipv4;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's UDP sockets. Java has neither IP_PKTINFO nor SO_BINDTODEVICE, so the interface a request
 * came in on is learnt from the socket it arrived on: one socket on the wildcard address receives
 * broadcasts (Linux delivers 255.255.255.255 only to wildcard-bound sockets) and one per serving address
 * receives unicasts to that address. Sending a broadcast through an address-bound socket makes Linux route
 * it out of that address's interface, with no default route needed. All share the port (SO_REUSEADDR).
 */
final class DhcpSockets implements AutoCloseable {
    /** One socket; serving is null for the wildcard socket. */
    record Endpoint(DatagramChannel channel, ServingAddress serving, InetSocketAddress bound) {}

    private final List<Endpoint> endpoints;

    private DhcpSockets(List<Endpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /** Binds every socket or none; the failure's message names the address, the reason and the fix. */
    static DhcpSockets open(InetSocketAddress listen, List<ServingAddress> serving) throws BindException {
        List<Endpoint> opened = new ArrayList<>();
        try {
            boolean wildcard = listen.getAddress().isAnyLocalAddress();
            if (wildcard) opened.add(bind(listen, null));
            for (ServingAddress address : serving) {
                InetSocketAddress at = new InetSocketAddress(Inet4Address.getByAddress(address.address().toBytes()), listen.getPort());
                if (!wildcard && !at.equals(listen)) continue;
                opened.add(bind(at, address));
            }
            if (!wildcard && opened.isEmpty()) opened.add(bind(listen, null));
            return new DhcpSockets(opened);
        } catch (IOException e) {
            opened.forEach(endpoint -> closeQuietly(endpoint.channel()));
            if (e instanceof BindException bind) throw bind;
            BindException failure = new BindException("DHCP_BIND_FAILED " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private static Endpoint bind(InetSocketAddress address, ServingAddress serving) throws BindException {
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.bind(address);
            channel.configureBlocking(false);
            return new Endpoint(channel, serving, (InetSocketAddress) channel.getLocalAddress());
        } catch (IOException e) {
            if (channel != null) closeQuietly(channel);
            BindException failure = new BindException(failureMessage(address, e));
            failure.initCause(e);
            throw failure;
        }
    }

    static String failureMessage(InetSocketAddress address, IOException cause) {
        String why = String.valueOf(cause.getMessage());
        String where = address.getAddress().getHostAddress() + ":" + address.getPort();
        String fix;
        if (why.contains("Permission denied") || why.contains("Access denied"))
            fix = "port " + address.getPort() + " needs privileges: run as root or grant CAP_NET_BIND_SERVICE"
                    + " (setcap cap_net_bind_service=+ep on the java binary, or AmbientCapabilities= in the systemd unit)";
        else if (why.contains("in use"))
            fix = "another DHCP server (dnsmasq, dhcpd, kea) holds the port: stop it (find it with `ss -ulpn 'sport = :"
                    + address.getPort() + "'`) or give another --dhcp-address";
        else if (why.contains("assign requested address"))
            fix = "no interface of this host has that address: use one it has, or 0.0.0.0";
        else
            fix = "check --dhcp-address and --dhcp-interfaces";
        return "DHCP_BIND_FAILED cannot listen on udp " + where + ": " + why + "; " + fix;
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The socket bound to this serving address, if any. */
    Optional<Endpoint> at(Ipv4 address) {
        return endpoints.stream().filter(e -> e.serving() != null && e.serving().address().equals(address)).findFirst();
    }

    @Override
    public void close() {
        endpoints.forEach(endpoint -> closeQuietly(endpoint.channel()));
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a UDP socket has nothing left to flush; there is nothing to do about a failure here.
        }
    }
}
