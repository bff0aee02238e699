package io.pharos.node.tftp;

import io.pharos.protocols.MalformedPacketException;
import io.pharos.protocols.tftp.TftpCodec;
import io.pharos.protocols.tftp.TftpLimits;
import io.pharos.protocols.tftp.TftpPacket;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only TFTP server: one listening UDP socket; each request gets its own ephemeral socket and
 * virtual thread (RFC 1350 §4, the server's transfer ID). The listener never dies of input: bad
 * datagrams are counted, logged at debug and dropped.
 *
 * <p>Each transfer socket binds the listening address, so its replies leave from the address clients
 * sent to. When listening on the wildcard address the kernel picks the source address by route, which
 * need not be the virtual IP a client used; listen on the VIP itself where that matters.
 */
public final class TftpServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 69;
    public static final int DEFAULT_MAX_CONCURRENT_TRANSFERS = 1024;

    private static final Logger log = LoggerFactory.getLogger(TftpServer.class);
    /** Larger than any UDP payload, so a request is never cut short. */
    private static final int RECEIVE_BUFFER = 65536;
    private static final long RECEIVE_FAILURE_PAUSE_MILLIS = 100;

    private final InetSocketAddress bindAddress;
    private final TftpFileSource files;
    private final TftpLimits limits;
    private final Semaphore transferSlots;
    private final BooleanSupplier mayServe;
    private final TftpCounters counters = new TftpCounters();
    private final Map<PendingRequest, Object> pending = new ConcurrentHashMap<>();
    private final Set<DatagramSocket> transferSockets = ConcurrentHashMap.newKeySet();

    private volatile boolean closed;
    private DatagramSocket socket;
    private volatile InetSocketAddress boundAddress;
    private Thread listener;

    /**
     * @param mayServe asked as each new request arrives: false drops it unanswered (counted as notActive), so
     *                 a node whose leader lease ran out, even during a freeze, starts no transfer while another
     *                 node may already serve (ARCHITECTURE invariant 1); the client retries against the VIP
     */
    public TftpServer(InetSocketAddress bindAddress, TftpFileSource files, TftpLimits limits,
                      int maxConcurrentTransfers, BooleanSupplier mayServe) {
        if (maxConcurrentTransfers < 1) throw new IllegalArgumentException("maxConcurrentTransfers must be at least 1");
        this.bindAddress = bindAddress;
        this.files = files;
        this.limits = limits;
        this.transferSlots = new Semaphore(maxConcurrentTransfers);
        this.mayServe = Objects.requireNonNull(mayServe, "mayServe");
    }

    public TftpServer(InetSocketAddress bindAddress, TftpFileSource files, TftpLimits limits,
                      int maxConcurrentTransfers) {
        this(bindAddress, files, limits, maxConcurrentTransfers, () -> true);
    }

    public TftpServer(InetSocketAddress bindAddress, TftpFileSource files, BooleanSupplier mayServe) {
        this(bindAddress, files, TftpLimits.DEFAULTS, DEFAULT_MAX_CONCURRENT_TRANSFERS, mayServe);
    }

    public TftpServer(InetSocketAddress bindAddress, TftpFileSource files) {
        this(bindAddress, files, () -> true);
    }

    /** Binds the port and starts serving; the message of a failure names the address and the fix. */
    public synchronized void start() throws BindException {
        if (socket != null || closed) throw new IllegalStateException("a TftpServer starts once");
        try {
            socket = new DatagramSocket(bindAddress);
            boundAddress = (InetSocketAddress) socket.getLocalSocketAddress();
        } catch (SocketException e) {
            throw bindFailure(e);
        }
        listener = Thread.ofVirtual().name("tftp-listener").start(this::listen);
        log.info("TFTP_LISTENING on udp {} (max blksize {}, max windowsize {})", LogText.address(boundAddress),
                limits.maxBlockSize(), limits.maxWindowSize());
    }

    /** The bound address; with port 0 requested, the port the system chose. */
    public InetSocketAddress localAddress() {
        if (boundAddress == null) throw new IllegalStateException("the TFTP server has not been started");
        return boundAddress;
    }

    public TftpStats stats() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        DatagramSocket listening;
        synchronized (this) {
            if (closed) return;
            closed = true;
            listening = socket;
        }
        if (listening == null) return;
        listening.close();
        transferSockets.forEach(DatagramSocket::close);
        try {
            listener.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("TFTP_STOPPED on udp {}", LogText.address(boundAddress));
    }

    private void listen() {
        byte[] buffer = new byte[RECEIVE_BUFFER];
        while (!closed) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (IOException e) {
                if (closed) return;
                log.warn("TFTP_RECEIVE_FAILED on udp {}: {}; still listening", LogText.address(boundAddress),
                        e.toString());
                pauseAfterFailure();
                continue;
            }
            try {
                dispatch(datagram);
            } catch (RuntimeException e) {
                log.error("TFTP_INTERNAL_ERROR handling a datagram from {}; still listening",
                        LogText.address((InetSocketAddress) datagram.getSocketAddress()), e);
            }
        }
    }

    private void dispatch(DatagramPacket datagram) {
        InetSocketAddress client = (InetSocketAddress) datagram.getSocketAddress();
        TftpPacket packet;
        try {
            packet = TftpCodec.decode(datagram.getData(), datagram.getLength());
        } catch (MalformedPacketException e) {
            counters.malformedDropped.incrementAndGet();
            log.debug("TFTP_MALFORMED_PACKET from {}: {} at offset {}", LogText.address(client), e.reason(),
                    e.offset());
            return;
        }
        switch (packet) {
            case TftpPacket.ReadRequest read -> begin(client, read, session -> session.read(read));
            case TftpPacket.WriteRequest write -> begin(client, write, session -> session.refuseWrite(write));
            case TftpPacket.Data data -> ignoreStray(client, data);
            case TftpPacket.Ack ack -> ignoreStray(client, ack);
            case TftpPacket.Error error -> ignoreStray(client, error);
            case TftpPacket.OptionAck optionAck -> ignoreStray(client, optionAck);
        }
    }

    /** A packet that belongs on a transfer port, e.g. a late ACK for a finished transfer. */
    private void ignoreStray(InetSocketAddress client, TftpPacket packet) {
        log.debug("TFTP_STRAY_PACKET {} from {} on the request port, dropped", packet.getClass().getSimpleName(),
                LogText.address(client));
    }

    private interface SessionWork {
        void run(TftpSession session) throws IOException;
    }

    /**
     * A request not yet settled: until the client answers the new transfer ID (or is refused), the same
     * request from the same endpoint is its retransmission and must not start a second transfer.
     */
    private record PendingRequest(InetSocketAddress client, TftpPacket request) {
    }

    private void begin(InetSocketAddress client, TftpPacket request, SessionWork work) {
        PendingRequest key = new PendingRequest(client, request);
        Object token = new Object();
        if (pending.putIfAbsent(key, token) != null) {
            log.debug("TFTP_DUPLICATE_REQUEST from {} while the first copy is being answered, dropped",
                    LogText.address(client));
            return;
        }
        Runnable settle = () -> pending.remove(key, token);
        counters.requests.incrementAndGet();
        if (!mayServe.getAsBoolean()) {
            settle.run();
            counters.notActive.incrementAndGet();
            log.debug("TFTP_NOT_ACTIVE dropped a request from {}: this node's leader lease ran out; the active node"
                    + " answers the client's retry", LogText.address(client));
            return;
        }
        if (!transferSlots.tryAcquire()) {
            settle.run();
            counters.errors.incrementAndGet();
            log.warn("TFTP_BUSY dropped a request from {}: all transfer slots are in use; the client will retry,"
                    + " raise the concurrent transfer limit if this persists", LogText.address(client));
            return;
        }
        try {
            Thread.ofVirtual().name("tftp-" + LogText.address(client))
                    .start(() -> runSession(client, request, work, settle));
        } catch (RuntimeException e) {
            transferSlots.release();
            settle.run();
            throw e;
        }
    }

    private void runSession(InetSocketAddress client, TftpPacket request, SessionWork work, Runnable settle) {
        InetSocketAddress ephemeral = new InetSocketAddress(localAddress().getAddress(), 0);
        try (DatagramSocket transferSocket = new DatagramSocket(ephemeral)) {
            transferSockets.add(transferSocket);
            try {
                if (!closed) work.run(new TftpSession(transferSocket, client, files, limits, counters, settle));
            } finally {
                transferSockets.remove(transferSocket);
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                counters.errors.incrementAndGet();
                log.warn("TFTP_SESSION_FAILED answering a {} from {}: {}", request.getClass().getSimpleName(),
                        LogText.address(client), e.toString(), e);
            }
        } finally {
            transferSlots.release();
            settle.run();
        }
    }

    private void pauseAfterFailure() {
        try {
            Thread.sleep(RECEIVE_FAILURE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private BindException bindFailure(SocketException cause) {
        String why = String.valueOf(cause.getMessage());
        String fix;
        if (why.contains("Permission denied") || why.contains("Access denied")) {
            fix = "ports below 1024 need privileges: run as root or grant CAP_NET_BIND_SERVICE (for example"
                    + " AmbientCapabilities=CAP_NET_BIND_SERVICE in the systemd unit), or choose another port"
                    + " with --tftp-address ADDR:PORT";
        } else if (why.contains("in use")) {
            fix = "another program holds this port (often tftpd-hpa, atftpd, dnsmasq or xinetd; find it with"
                    + " `ss -ulpn 'sport = :" + bindAddress.getPort() + "'`): stop it, or choose another port"
                    + " with --tftp-address ADDR:PORT";
        } else if (why.contains("assign requested address")) {
            fix = "this address is not configured on any interface of this host: listen on an address it has,"
                    + " or on 0.0.0.0";
        } else {
            fix = "check the TFTP listen address, or choose another port with --tftp-address ADDR:PORT";
        }
        BindException failure = new BindException("TFTP_BIND_FAILED cannot listen on udp "
                + LogText.address(bindAddress) + ": " + why + "; " + fix);
        failure.initCause(cause);
        return failure;
    }
}
