package io.pharos.node.dhcp;

import static io.pharos.node.dhcp.TestDhcpClient.message;
import static org.junit.jupiter.api.Assertions.*;

import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
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
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Many clients at once through one relay on loopback, a window of them in flight: DISCOVERs, then
 * REQUESTs for the offers. Checks that every client ends up with its own committed address and returns the
 * rate of complete exchanges.
 */
final class DoraLoad {
    static final Ipv4 RELAY = Ipv4.parse("127.0.0.2");
    static final Subnet SUBNET = new Subnet("big", Cidr.parse("127.0.0.0/16"),
            List.of(IpRange.parse("127.0.16.0-127.0.63.255")), 3600, Map.of(), null);

    private DoraLoad() {
    }

    static Command.PutSubnet subnet() {
        return new Command.PutSubnet(SUBNET);
    }

    /** DORA for {@code clients} clients against a server over this state and log; returns exchanges per second. */
    static double run(State state, CommandLog log, int clients, int window) throws IOException {
        int port = DhcpServerTest.freePort();
        DhcpServerSettings settings = DhcpServerSettings.defaults().withListen(new InetSocketAddress("0.0.0.0", port))
                .withClientPort(DhcpServerTest.freePort()).withInterfaces(List.of("lo"));
        try (DhcpServer server = new DhcpServer(state, log, settings, Clock.systemUTC());
             TestDhcpClient relay = new TestDhcpClient(new InetSocketAddress("127.0.0.2", port), new InetSocketAddress("127.0.0.1", port))) {
            server.start();
            long started = System.nanoTime();
            Map<Integer, Ipv4> acked = new HashMap<>();
            for (int first = 0; first < clients; first += window) {
                int last = Math.min(clients, first + window);
                Map<Integer, Ipv4> offered = exchange(relay, first, last,
                        n -> message(DhcpMessageType.DISCOVER, n, mac(n), RELAY), DhcpMessageType.OFFER);
                acked.putAll(exchange(relay, first, last, n -> message(DhcpMessageType.REQUEST, n, mac(n), RELAY,
                        DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, Ipv4.parse("127.0.0.1")),
                        DhcpOption.ip(DhcpOption.REQUESTED_ADDRESS, offered.get(n))), DhcpMessageType.ACK));
            }
            double rate = clients / ((System.nanoTime() - started) / 1e9);
            assertEquals(clients, acked.size());
            Set<Ipv4> distinct = new HashSet<>(acked.values());
            assertEquals(clients, distinct.size(), "every client its own address");
            for (Map.Entry<Integer, Ipv4> each : acked.entrySet())
                assertEquals(mac(each.getKey()), state.leaseByAddress(each.getValue()).orElseThrow().mac(),
                        "an ACKed lease is in the state");
            System.out.printf("DHCP_THROUGHPUT %d DORA exchanges, %d in flight: %.0f per second; %s%n", clients, window,
                    rate, server.stats());
            return rate;
        }
    }

    /** Sends a window of requests and collects the replies by xid, resending what went unanswered (UDP). */
    private static Map<Integer, Ipv4> exchange(TestDhcpClient relay, int first, int last, IntFunction<DhcpMessage> build,
                                               DhcpMessageType expected) throws IOException {
        Map<Integer, Ipv4> replies = new HashMap<>();
        for (int attempt = 0; attempt < 5 && replies.size() < last - first; attempt++) {
            for (int n = first; n < last; n++) if (!replies.containsKey(n)) relay.send(build.apply(n));
            Optional<DhcpMessage> reply;
            while (replies.size() < last - first && (reply = relay.receive(2000)).isPresent()) {
                assertEquals(expected, reply.get().messageType().orElseThrow(), reply.get().toString());
                if (reply.get().xid() >= first && reply.get().xid() < last) replies.put(reply.get().xid(), reply.get().yiaddr());
            }
        }
        assertEquals(last - first, replies.size(), "replies for clients " + first + ".." + (last - 1));
        return replies;
    }

    static Mac mac(int n) {
        return new Mac(0x02_00_00_01_00_00L + n);
    }
}
