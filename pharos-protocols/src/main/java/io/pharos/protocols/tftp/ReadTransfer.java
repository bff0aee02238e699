package io.pharos.protocols.tftp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sending side of one read request as a pure state machine: inputs are the client's packets and
 * "the timeout expired"; outputs are packets to send. The caller owns the socket and the clock and waits
 * {@link #retransmitTimeout()} after each step that sent something.
 *
 * <p>Blocks are counted internally from 1 without limit; the wire carries the count modulo 65536, so block
 * numbers roll over from 65535 to 0 as most clients expect for files beyond 65535 blocks.
 */
public final class ReadTransfer {
    private static final int BLOCK_MASK = 0xffff;

    private final TransferContent content;
    private final NegotiatedOptions options;
    private final int maxRetries;
    private final long size;
    private final long finalBlock;

    private boolean started;
    private boolean awaitingOptionAck;
    private long acknowledged;
    private long sentUpTo;
    private int retries;
    private TransferOutcome outcome = new TransferOutcome.InProgress();

    public ReadTransfer(TransferContent content, NegotiatedOptions options, int maxRetries) {
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must not be negative");
        this.content = content;
        this.options = options;
        this.maxRetries = maxRetries;
        this.size = content.size();
        if (size < 0) throw new IllegalArgumentException("content size is negative: " + size);
        // RFC 1350 §6: a block shorter than blksize ends the transfer, so a file of whole blocks needs an
        // extra empty one.
        this.finalBlock = size / options.blockSize() + 1;
    }

    public TransferStep start() {
        if (started) throw new IllegalStateException("transfer already started");
        started = true;
        if (options.sendsOptionAck()) {
            awaitingOptionAck = true;
            return step(List.of(new TftpPacket.OptionAck(options.acknowledged())));
        }
        return sendWindow();
    }

    public TransferStep onPacket(TftpPacket packet) {
        requireStarted();
        if (finished()) return step(List.of());
        return switch (packet) {
            case TftpPacket.Ack ack -> onAck(ack.block());
            case TftpPacket.Error error -> {
                outcome = awaitingOptionAck
                        ? new TransferOutcome.AbortedAfterOptions(error.code(), error.message())
                        : new TransferOutcome.ClientError(error.code(), error.message());
                yield step(List.of());
            }
            case TftpPacket.Data data -> illegal("DATA");
            case TftpPacket.ReadRequest request -> illegal("RRQ");
            case TftpPacket.WriteRequest request -> illegal("WRQ");
            case TftpPacket.OptionAck optionAck -> illegal("OACK");
        };
    }

    public TransferStep onTimeout() {
        requireStarted();
        if (finished()) return step(List.of());
        if (retries == maxRetries) {
            outcome = new TransferOutcome.GaveUp(retries);
            return step(List.of());
        }
        retries++;
        if (awaitingOptionAck) return step(List.of(new TftpPacket.OptionAck(options.acknowledged())));
        return sendWindow();
    }

    public Duration retransmitTimeout() {
        return options.timeout();
    }

    public NegotiatedOptions options() {
        return options;
    }

    public TransferOutcome outcome() {
        return outcome;
    }

    public boolean finished() {
        return !(outcome instanceof TransferOutcome.InProgress);
    }

    private TransferStep onAck(int block) {
        if (awaitingOptionAck) {
            // RFC 2347: the client accepts the OACK with ACK 0; anything else is stale.
            if (block != 0) return step(List.of());
            awaitingOptionAck = false;
            retries = 0;
            return sendWindow();
        }
        long ahead = (block - acknowledged) & BLOCK_MASK;
        // A duplicate or old ACK changes nothing: answering it would double every later block, the
        // Sorcerer's Apprentice bug (RFC 1123 §4.2.3.1). Only the timeout retransmits.
        if (ahead == 0 || ahead > sentUpTo - acknowledged) return step(List.of());
        acknowledged += ahead;
        retries = 0;
        if (acknowledged == finalBlock) {
            outcome = new TransferOutcome.Completed(size);
            return step(List.of());
        }
        // RFC 7440 §4: an ACK inside the window means the blocks after it were lost; the next window
        // starts right after it either way.
        return sendWindow();
    }

    private TransferStep sendWindow() {
        long last = Math.min(acknowledged + options.windowSize(), finalBlock);
        List<TftpPacket> packets = new ArrayList<>();
        for (long block = acknowledged + 1; block <= last; block++) {
            try {
                packets.add(new TftpPacket.Data((int) (block & BLOCK_MASK), readBlock(block)));
            } catch (IOException e) {
                outcome = new TransferOutcome.Failed("cannot read block " + block + ": " + e.getMessage());
                return step(List.of(new TftpPacket.Error(TftpPacket.Error.NOT_DEFINED, "read error")));
            }
        }
        sentUpTo = Math.max(sentUpTo, last);
        return step(packets);
    }

    private byte[] readBlock(long block) throws IOException {
        long position = (block - 1) * options.blockSize();
        byte[] payload = new byte[(int) Math.min(options.blockSize(), size - position)];
        int filled = 0;
        while (filled < payload.length) {
            int n = content.read(position + filled, payload, filled, payload.length - filled);
            if (n <= 0) throw new IOException("file is shorter than the " + size + " octets announced");
            filled += n;
        }
        return payload;
    }

    private TransferStep illegal(String what) {
        outcome = new TransferOutcome.Failed("client sent " + what + " during a read transfer");
        return step(List.of(new TftpPacket.Error(TftpPacket.Error.ILLEGAL_OPERATION, "unexpected " + what)));
    }

    private void requireStarted() {
        if (!started) throw new IllegalStateException("transfer not started");
    }

    private TransferStep step(List<TftpPacket> packets) {
        return new TransferStep(packets, outcome);
    }
}
