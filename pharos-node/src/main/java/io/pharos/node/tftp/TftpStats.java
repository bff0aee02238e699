package io.pharos.node.tftp;

/**
 * A snapshot of the TFTP server's counters since start.
 *
 * @param requests           read and write requests received (retransmitted duplicates excluded)
 * @param transfersCompleted transfers whose last block the client acknowledged
 * @param bytesSent          DATA payload octets sent, retransmissions included
 * @param malformedDropped   datagrams that did not decode, on the main port or a transfer port
 * @param aborted            clients that ended the transfer right after the OACK, as PXE ROMs asking
 *                           only for tsize do; not an error
 * @param refused            requests answered with an error at once: file not found, access violation,
 *                           write request, unknown mode (PXELINUX probing config names shows up here)
 * @param errors             transfers that started and failed (client error, timeout, read failure,
 *                           protocol violation) and requests dropped because the server was busy
 * @param notActive          requests dropped unanswered because this node's leader lease had run out
 */
public record TftpStats(long requests, long transfersCompleted, long bytesSent, long malformedDropped,
                        long aborted, long refused, long errors, long notActive) {
}
