package io.pharos.node.cli;

import io.pharos.node.PharosServer;
import io.pharos.node.config.NodeSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Pharos node as `pharos serve` starts it (PharosServer: single-node Ratis, API, files, boot HTTP,
 * TFTP), with every listener on 127.0.0.1 and ephemeral ports, in a data directory of the test's own.
 */
final class LivePharos implements AutoCloseable {
    final String endpoint;
    final String adminToken;
    private final PharosServer server;

    private LivePharos(PharosServer server) {
        this.server = server;
        this.endpoint = "http://127.0.0.1:" + server.httpPort();
        this.adminToken = java.util.Objects.requireNonNull(server.adminToken(), "a new data directory gets an admin token");
    }

    static LivePharos start(Path dataDir) throws Exception {
        InetSocketAddress anyLoopbackPort = new InetSocketAddress("127.0.0.1", 0);
        // DHCP stays on loopback too: a test must never answer DHCP on the machine's real networks.
        NodeSettings settings = new NodeSettings(dataDir, "node1", new InetSocketAddress("127.0.0.1", freePort()),
                anyLoopbackPort, anyLoopbackPort, anyLoopbackPort, List.of("lo"), dataDir.resolve("boot"), null, "",
                NodeSettings.Cluster.STANDALONE);
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        PharosServer server = PharosServer.start(settings, new PrintStream(banner, true, StandardCharsets.UTF_8));
        try {
            return new LivePharos(server);
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException("Pharos started without its HTTP listener:\n" + banner, e);
        }
    }

    /** A port free on 127.0.0.1 right now (the OS picks it). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
