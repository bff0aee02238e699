package io.pharos.node.boot;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * How a booting machine reaches this server, as templates see it: {@code server.address} (an IPv4 address),
 * {@code server.http} (e.g. http://10.0.0.1:8080) and {@code server.boot} (the base of /boot/files).
 * With an advertise address (the VIP) every URL names it, so a machine survives failover (invariant 6).
 */
public record ServerUrls(String address, int httpPort) {

    public String http() {
        return "http://" + address + (httpPort == 80 ? "" : ":" + httpPort);
    }

    public String boot() {
        return http() + "/boot/files";
    }

    /**
     * The address the client reaches us on: the advertise address when set, else this host's address on the
     * route towards the client (a connected UDP socket makes the kernel choose it; nothing is sent).
     */
    public static ServerUrls facing(InetAddress client, String advertiseAddress, int httpPort) {
        if (advertiseAddress != null && !advertiseAddress.isBlank()) return new ServerUrls(advertiseAddress, httpPort);
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(client, 9));
            InetAddress local = probe.getLocalAddress();
            if (local != null && !local.isAnyLocalAddress()) return new ServerUrls(local.getHostAddress(), httpPort);
        } catch (IOException | RuntimeException e) {
            // No route to the client: fall through to the loopback answer below, which at least renders.
        }
        return new ServerUrls(InetAddress.getLoopbackAddress().getHostAddress(), httpPort);
    }
}
