package io.pharos.protocols.tftp;

import java.util.List;

/** What the caller must do after one input: send these packets, in order, then look at the outcome. */
public record TransferStep(List<TftpPacket> send, TransferOutcome outcome) {
    public TransferStep {
        send = List.copyOf(send);
    }

    public boolean finished() {
        return !(outcome instanceof TransferOutcome.InProgress);
    }
}
