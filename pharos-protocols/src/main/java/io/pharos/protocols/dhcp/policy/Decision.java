package io.pharos.protocols.dhcp.policy;

import io.pharos.core.command.Command;
import io.pharos.core.net.Ipv4;
import io.pharos.protocols.dhcp.DhcpMessage;

/** What the adapter does with a request; every case is handled by an exhaustive switch. */
public sealed interface Decision {
    /** Send now: OFFER, NAK, or the ACK to an INFORM. Nothing is committed. */
    record Reply(DhcpMessage reply, ReplyRoute route) implements Decision {}

    /**
     * Submit the BindLease; when it commits send {@code ack}, when apply refuses it send {@code nak}, and when
     * it cannot be committed (not leader, timeout) send nothing: the client retries. An ACK is never sent
     * before the commit (invariant 2). Afterwards call {@link DhcpPolicy#settled} to lift the in-flight hold.
     */
    record CommitThenReply(Command.BindLease command, DhcpMessage ack, ReplyRoute ackRoute, DhcpMessage nak,
                           ReplyRoute nakRoute) implements Decision {
        public String clientId() {
            return command.clientId();
        }

        public Ipv4 address() {
            return command.address();
        }
    }

    /** Submit and send nothing: RELEASE and DECLINE have no reply (RFC 2131 §4.3.3, §4.3.4). */
    record CommitOnly(Command command) implements Decision {}

    /** No reply, no commit; counted under the reason. */
    record Ignore(IgnoreReason reason, String detail) implements Decision {}
}
