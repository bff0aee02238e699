/**
 * TFTP, read side only (RFC 1350 with the option extension of RFC 2347, blksize RFC 2348, timeout and
 * tsize RFC 2349, windowsize RFC 7440).
 *
 * <p>Three layers, none with I/O: {@link io.pharos.protocols.tftp.TftpCodec} turns datagrams into
 * {@link io.pharos.protocols.tftp.TftpPacket} records and back; {@link io.pharos.protocols.tftp.TftpNegotiation}
 * decides the OACK; {@link io.pharos.protocols.tftp.ReadTransfer} is the per-transfer sender state machine.
 * The UDP adapter in {@code io.pharos.node.tftp} owns sockets, threads and the clock.
 *
 * <p>The codec is strict about framing (every string NUL-terminated, ACK exactly four octets, the four
 * numeric options decimal) because a request it lets through is acted upon; unknown options and unknown
 * error codes are kept and simply not acted upon.
 */
package io.pharos.protocols.tftp;
