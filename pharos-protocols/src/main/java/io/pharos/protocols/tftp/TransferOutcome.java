package io.pharos.protocols.tftp;

/** Where a read transfer stands; every variant but {@link InProgress} is final. */
public sealed interface TransferOutcome {
    record InProgress() implements TransferOutcome {
    }

    /** The client acknowledged the last block. */
    record Completed(long octets) implements TransferOutcome {
    }

    /**
     * The client ended the transfer with an ERROR in answer to the OACK. PXE ROMs do this on purpose: they
     * ask for tsize only, learn the size and abort (code 8 per RFC 2347, code 0 from many firmwares).
     */
    record AbortedAfterOptions(int code, String message) implements TransferOutcome {
    }

    /** The client ended the transfer with an ERROR while data was flowing. */
    record ClientError(int code, String message) implements TransferOutcome {
    }

    /** No progress after the allowed number of retransmissions. */
    record GaveUp(int retransmissions) implements TransferOutcome {
    }

    /** The server ended the transfer (read failure, protocol violation) and told the client with an ERROR. */
    record Failed(String reason) implements TransferOutcome {
    }
}
