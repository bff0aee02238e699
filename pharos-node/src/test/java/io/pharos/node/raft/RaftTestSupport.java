package io.pharos.node.raft;

import io.pharos.core.command.Command;
import io.pharos.core.model.Subnet;
import io.pharos.core.net.Cidr;
import io.pharos.core.net.IpRange;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Shared fixtures: loopback ports, settings for quick test groups, and lease commands numbered n. */
final class RaftTestSupport {
    static final long NOW = 1_700_000_000_000L;
    static final Ipv4 FIRST = Ipv4.parse("10.0.0.0");

    private RaftTestSupport() {}

    /** A port free on 127.0.0.1 right now (the OS picks it); raced only by other processes. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String loopback(int port) {
        return "127.0.0.1:" + port;
    }

    static RaftSettings singleNode(Path dataDir) {
        return RaftSettings.singleNode("node1", dataDir, loopback(freePort()));
    }

    static Command.PutSubnet subnet() {
        return new Command.PutSubnet(new Subnet("lab", Cidr.parse("10.0.0.0/8"),
                List.of(IpRange.parse("10.0.0.1-10.255.255.254")), 3600, Map.of(), null));
    }

    static Ipv4 address(long n) {
        return FIRST.plus(n + 1);
    }

    /** Lease n: its own address, MAC and client id, so no two leases conflict. */
    static Command.BindLease lease(long n) {
        return new Command.BindLease(address(n), new Mac(0x5254_0000_0000L + n), "client-" + n, "host" + n, "lab",
                NOW, NOW + 3_600_000);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
