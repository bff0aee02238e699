package io.pharos.node.tftp;

import io.pharos.protocols.MalformedPacketException;
import io.pharos.protocols.tftp.NegotiatedOptions;
import io.pharos.protocols.tftp.ReadTransfer;
import io.pharos.protocols.tftp.TftpCodec;
import io.pharos.protocols.tftp.TftpLimits;
import io.pharos.protocols.tftp.TftpNegotiation;
import io.pharos.protocols.tftp.TftpPacket;
import io.pharos.protocols.tftp.TransferMode;
import io.pharos.protocols.tftp.TransferOutcome;
import io.pharos.protocols.tftp.TransferStep;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request, answered from its own socket: the server's transfer ID of RFC 1350 §4. Runs the pure
 * {@link ReadTransfer} against the socket and the monotonic clock.
 */
final class TftpSession {
    private static final Logger log = LoggerFactory.getLogger(TftpSession.class);
    /** Clients only send ACK and ERROR here; a longer datagram is cut and then fails to decode. */
    private static final int RECEIVE_BUFFER = 4096;

    private final DatagramSocket socket;
    private final InetSocketAddress client;
    private final TftpFileSource files;
    private final TftpLimits limits;
    private final TftpCounters counters;
    private final Runnable settle;
    private final String who;

    /** {@code settle} is run once the client has answered on this socket or been refused, maybe more often. */
    TftpSession(DatagramSocket socket, InetSocketAddress client, TftpFileSource files, TftpLimits limits,
                TftpCounters counters, Runnable settle) {
        this.socket = socket;
        this.client = client;
        this.files = files;
        this.limits = limits;
        this.counters = counters;
        this.settle = settle;
        this.who = LogText.address(client);
    }

    void refuseWrite(TftpPacket.WriteRequest request) throws IOException {
        log.info("TFTP_WRITE_REFUSED {} tried to upload '{}': this server is read-only", who,
                LogText.safe(request.filename()));
        refuse(TftpPacket.Error.ACCESS_VIOLATION, "read-only server: uploads are not accepted");
    }

    void read(TftpPacket.ReadRequest request) throws IOException {
        String name = LogText.safe(request.filename());
        if (TransferMode.fromWire(request.mode()).isEmpty()) {
            log.info("TFTP_MODE_REFUSED {} asked for '{}' in mode '{}'; only octet and netascii are served",
                    who, name, LogText.safe(request.mode()));
            refuse(TftpPacket.Error.ILLEGAL_OPERATION, "unsupported transfer mode");
            return;
        }
        Optional<TftpFile> opened;
        try {
            opened = files.open(request.filename(), client);
        } catch (NoSuchFileException e) {
            opened = Optional.empty();
        } catch (AccessDeniedException e) {
            log.warn("TFTP_ACCESS_DENIED {} asked for '{}': {}; if a machine needs this file, place it under the"
                    + " boot root and check the boot file name it was given", who, name, e.getReason());
            refuse(TftpPacket.Error.ACCESS_VIOLATION, "access violation");
            return;
        } catch (IOException e) {
            log.warn("TFTP_OPEN_FAILED {} asked for '{}': {}; check that the file is readable by the server",
                    who, name, e.toString());
            refuse(TftpPacket.Error.NOT_DEFINED, "cannot open file");
            return;
        }
        if (opened.isEmpty()) {
            // Debug only: PXELINUX probes a dozen config names per boot and most are expected to be missing.
            log.debug("TFTP_FILE_NOT_FOUND {} asked for '{}'", who, name);
            refuse(TftpPacket.Error.FILE_NOT_FOUND, "file not found");
            return;
        }
        try (TftpFile file = opened.get()) {
            NegotiatedOptions options = TftpNegotiation.forRead(request.options(), file.size(), limits);
            ReadTransfer transfer = new ReadTransfer(file, options, limits.maxRetries());
            report(exchange(transfer), name, options);
        }
    }

    private TransferOutcome exchange(ReadTransfer transfer) throws IOException {
        long timeoutNanos = transfer.retransmitTimeout().toNanos();
        TransferStep step = transfer.start();
        send(step.send());
        long deadline = System.nanoTime() + timeoutNanos;
        byte[] buffer = new byte[RECEIVE_BUFFER];
        while (!step.finished()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                step = transfer.onTimeout();
                send(step.send());
                deadline = System.nanoTime() + timeoutNanos;
                continue;
            }
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                continue;
            }
            Optional<TftpPacket> packet = fromClient(datagram);
            if (packet.isEmpty()) continue;
            step = transfer.onPacket(packet.get());
            if (!step.send().isEmpty()) {
                send(step.send());
                deadline = System.nanoTime() + timeoutNanos;
            }
        }
        return step.outcome();
    }

    private Optional<TftpPacket> fromClient(DatagramPacket datagram) throws IOException {
        if (!client.equals(datagram.getSocketAddress())) {
            // RFC 1350 §4: tell the stray sender, leave the transfer alone.
            log.debug("TFTP_UNKNOWN_TID {} sent to the transfer port of {}",
                    LogText.address((InetSocketAddress) datagram.getSocketAddress()), who);
            sendTo(new TftpPacket.Error(TftpPacket.Error.UNKNOWN_TRANSFER_ID, "unknown transfer ID"),
                    datagram.getSocketAddress());
            return Optional.empty();
        }
        try {
            TftpPacket packet = TftpCodec.decode(datagram.getData(), datagram.getLength());
            settle.run();
            return Optional.of(packet);
        } catch (MalformedPacketException e) {
            counters.malformedDropped.incrementAndGet();
            log.debug("TFTP_MALFORMED_PACKET from {} during transfer: {} at offset {}", who, e.reason(),
                    e.offset());
            return Optional.empty();
        }
    }

    private void report(TransferOutcome outcome, String name, NegotiatedOptions options) {
        switch (outcome) {
            case TransferOutcome.Completed completed -> {
                counters.transfersCompleted.incrementAndGet();
                log.info("TFTP_TRANSFER_COMPLETED sent '{}' ({} octets, blksize {}, windowsize {}) to {}",
                        name, completed.octets(), options.blockSize(), options.windowSize(), who);
            }
            case TransferOutcome.AbortedAfterOptions aborted -> {
                counters.aborted.incrementAndGet();
                log.debug("TFTP_ABORTED_AFTER_OPTIONS {} took the options for '{}' and stopped (code {}: {})",
                        who, name, aborted.code(), LogText.safe(aborted.message()));
            }
            case TransferOutcome.ClientError error -> {
                counters.errors.incrementAndGet();
                log.info("TFTP_CLIENT_ERROR {} stopped the transfer of '{}' with code {}: {}",
                        who, name, error.code(), LogText.safe(error.message()));
            }
            case TransferOutcome.GaveUp gaveUp -> {
                counters.errors.incrementAndGet();
                log.warn("TFTP_TRANSFER_TIMEOUT no answer from {} for '{}' after {} retransmissions (blksize {});"
                                + " check firewalls between them, and lower the maximum blksize if packets larger"
                                + " than the path MTU are dropped", who, name, gaveUp.retransmissions(),
                        options.blockSize());
            }
            case TransferOutcome.Failed failed -> {
                counters.errors.incrementAndGet();
                log.warn("TFTP_TRANSFER_FAILED sending '{}' to {}: {}", name, who, failed.reason());
            }
            case TransferOutcome.InProgress inProgress ->
                    throw new IllegalStateException("transfer loop ended while in progress");
        }
    }

    private void refuse(int code, String message) throws IOException {
        counters.refused.incrementAndGet();
        settle.run();
        send(List.of(new TftpPacket.Error(code, message)));
    }

    private void send(List<TftpPacket> packets) throws IOException {
        for (TftpPacket packet : packets) {
            sendTo(packet, client);
            if (packet instanceof TftpPacket.Data data) counters.bytesSent.addAndGet(data.length());
        }
    }

    private void sendTo(TftpPacket packet, SocketAddress target) throws IOException {
        byte[] wire = TftpCodec.encode(packet);
        socket.send(new DatagramPacket(wire, wire.length, target));
    }
}
