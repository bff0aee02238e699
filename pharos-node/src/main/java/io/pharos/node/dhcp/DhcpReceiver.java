package io.pharos.node.dhcp;

import io.pharos.core.net.Ipv4;
import io.pharos.protocols.MalformedPacketException;
import io.pharos.protocols.dhcp.DhcpCodec;
import io.pharos.protocols.dhcp.DhcpMessage;
import io.pharos.protocols.dhcp.policy.Decision;
import io.pharos.protocols.dhcp.policy.DhcpPolicy;
import io.pharos.protocols.dhcp.policy.Inbound;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive loop: one thread reads every socket through a selector, decodes, asks the policy and hands
 * the decision to the responder; between reads it sends the replies to commits ({@link ReplyOutbox}).
 * Deciding on one thread keeps allocation free of races; nothing here waits for a commit. The loop never
 * dies of input: bad datagrams are counted and dropped.
 */
final class DhcpReceiver implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DhcpReceiver.class);
    /** Larger than any UDP payload, so a datagram is never cut short. */
    private static final int RECEIVE_BUFFER = 65536;
    /** Datagrams taken from one socket before looking at the others, so one busy socket cannot starve them. */
    private static final int BURST = 64;

    private final Selector selector;
    private final DhcpPolicy policy;
    private final DhcpResponder responder;
    private final ReplyOutbox outbox;
    private final InterfaceAttribution attribution;
    private final Ipv4 advertise;
    private final DhcpCounters counters;
    private final Clock clock;
    private volatile boolean stopping;

    DhcpReceiver(DhcpSockets sockets, DhcpPolicy policy, DhcpResponder responder, InterfaceAttribution attribution,
                 Ipv4 advertise, DhcpCounters counters, Clock clock) throws IOException {
        this.selector = Selector.open();
        for (DhcpSockets.Endpoint endpoint : sockets.endpoints())
            endpoint.channel().register(selector, SelectionKey.OP_READ, endpoint);
        this.policy = policy;
        this.responder = responder;
        this.outbox = responder.outbox();
        this.attribution = attribution;
        this.advertise = advertise;
        this.counters = counters;
        this.clock = clock;
    }

    void stop() {
        stopping = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER);
        outbox.attach(selector::wakeup);
        try {
            boolean repliesWait = false;
            while (!stopping) {
                selector.select(repliesWait ? 1 : 1000);
                for (SelectionKey key : selector.selectedKeys()) {
                    drain((DhcpSockets.Endpoint) key.attachment(), buffer);
                    outbox.flushPaced();
                }
                selector.selectedKeys().clear();
                repliesWait = outbox.flushPaced();
            }
        } catch (ClosedSelectorException | IOException e) {
            if (!stopping) log.error("DHCP_RECEIVE_STOPPED the receive loop failed: {}; restart the node to serve DHCP again", e.toString(), e);
        } finally {
            outbox.detach();
            try {
                selector.close();
            } catch (IOException ignored) {
                // The selector holds no data; the sockets are closed by their owner.
            }
        }
    }

    private void drain(DhcpSockets.Endpoint endpoint, ByteBuffer buffer) {
        for (int i = 0; i < BURST && !stopping; i++) {
            buffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) endpoint.channel().receive(buffer);
            } catch (IOException e) {
                log.warn("DHCP_RECEIVE_FAILED on {}: {}; still listening", endpoint.bound(), e.toString());
                return;
            }
            if (from == null) return;
            try {
                handle(endpoint, from, buffer.array(), buffer.position());
            } catch (RuntimeException e) {
                log.error("DHCP_INTERNAL_ERROR handling a datagram from {}; dropped, still listening", from, e);
            }
        }
    }

    private void handle(DhcpSockets.Endpoint endpoint, InetSocketAddress from, byte[] data, int length) {
        DhcpMessage request;
        try {
            request = DhcpCodec.decode(data, length);
        } catch (MalformedPacketException e) {
            counters.malformed.incrementAndGet();
            log.debug("DHCP_MALFORMED_PACKET from {} ({} bytes): {} at offset {}", from, length, e.reason(), e.offset());
            return;
        }
        request.messageType().ifPresentOrElse(counters::received, counters.withoutType::incrementAndGet);
        ServingAddress serving = endpoint.serving() != null ? endpoint.serving() : attribution.forWildcard();
        Ipv4 interfaceAddress = serving != null ? serving.address() : Ipv4.ANY;
        Ipv4 server = advertise != null ? advertise : serving != null ? serving.address() : Ipv4.ANY;
        if (server.isAny()) {
            counters.noServerAddress.incrementAndGet();
            log.debug("DHCP_NO_SERVER_ADDRESS request from {} dropped: set --advertise-address or serve an interface", from);
            return;
        }
        Inbound inbound = new Inbound(request, interfaceAddress, server);
        Decision decision = policy.decide(inbound, clock.millis());
        responder.carryOut(decision, request, new Arrival(endpoint, from, serving));
    }
}
