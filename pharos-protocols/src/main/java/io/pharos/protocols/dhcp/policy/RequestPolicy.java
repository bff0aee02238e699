package io.pharos.protocols.dhcp.policy;

import io.pharos.core.command.Command;
import io.pharos.core.model.Lease;
import io.pharos.core.model.Machine;
import io.pharos.core.model.Reservation;
import io.pharos.core.model.Subnet;
import io.pharos.core.net.Ipv4;
import io.pharos.core.state.State;
import io.pharos.protocols.dhcp.DhcpMessage;
import io.pharos.protocols.dhcp.DhcpMessageType;
import java.util.Optional;

/**
 * DHCPREQUEST in its three client states, told apart as RFC 2131 §4.3.2 says: a server identifier means
 * SELECTING, a requested address without one INIT-REBOOT, only ciaddr RENEWING or REBINDING.
 */
final class RequestPolicy {
    private final State state;
    private final PendingOffers pending;
    private final AddressAllocator allocator;
    private final ReplyBuilder replies;

    RequestPolicy(State state, PendingOffers pending, AddressAllocator allocator, ReplyBuilder replies) {
        this.state = state;
        this.pending = pending;
        this.allocator = allocator;
        this.replies = replies;
    }

    Decision decide(Inbound in, Client client, long now) {
        DhcpMessage request = in.message();
        Optional<Ipv4> serverId = request.serverIdentifier();
        Optional<Ipv4> requested = request.requestedAddress();
        if (serverId.isPresent()) return selecting(in, client, serverId.get(), requested.orElse(request.ciaddr()), now);
        if (requested.isPresent()) return initReboot(in, client, requested.get(), now);
        if (!request.ciaddr().isAny()) return renewing(in, client, request.ciaddr(), now);
        return new Decision.Ignore(IgnoreReason.MISSING_FIELD,
                "DHCPREQUEST with no server identifier, requested address or ciaddr (RFC 2131 §4.3.2); the client is broken");
    }

    /** The client picked an offer; if it was another server's, our offer is void (RFC 2131 §4.3.2). */
    private Decision selecting(Inbound in, Client client, Ipv4 serverId, Ipv4 address, long now) {
        if (!serverId.equals(in.serverAddress())) {
            pending.drop(client.clientId());
            return new Decision.Ignore(IgnoreReason.OTHER_SERVER, "client " + client.clientId() + " chose server " + serverId);
        }
        if (address.isAny())
            return new Decision.Ignore(IgnoreReason.MISSING_FIELD, "DHCPREQUEST in SELECTING without option 50 (RFC 2131 §4.3.2)");
        return bindOrNak(in, client, address, now);
    }

    /**
     * A rebooting client checks its remembered address: NAK when it is on the wrong network or not the
     * client's, ACK when it is, and silence when we know nothing of the client, so that another server that
     * does may answer (RFC 2131 §4.3.2).
     */
    private Decision initReboot(Inbound in, Client client, Ipv4 address, long now) {
        Optional<Subnet> subnet = SubnetSelector.select(state, in.message(), in.interfaceAddress());
        if (subnet.isEmpty()) return noSubnet(in);
        if (!subnet.get().cidr().contains(address))
            return nak(in, address + " is not on this network (" + subnet.get().cidr() + ")");
        Optional<Lease> own = state.leaseByClient(client.clientId()).filter(l -> l.clientId().equals(client.clientId()));
        Optional<Ipv4> fixed = allocator.fixedAddress(subnet.get(), client.mac());
        boolean theirs = own.map(l -> l.address().equals(address)).orElse(false) || fixed.map(address::equals).orElse(false);
        if (theirs) return bindOrNak(in, client, address, now);
        boolean takenByOther = state.leaseByAddress(address)
                .filter(l -> l.holdsAddress(now) && !l.clientId().equals(client.clientId())).isPresent()
                || state.isReservedForOther(address, client.mac());
        if (own.isPresent() || fixed.isPresent() || takenByOther)
            return nak(in, address + " is not this client's address");
        return new Decision.Ignore(IgnoreReason.NO_RECORD, "INIT-REBOOT of " + address + " by unknown client " + client.clientId());
    }

    /**
     * A bound client extends its lease. A client we hold no record of (lease purged, or state restored
     * from an older backup) keeps its address when it is free: Pharos is the authority for its subnets.
     */
    private Decision renewing(Inbound in, Client client, Ipv4 address, long now) {
        return bindOrNak(in, client, address, now);
    }

    private Decision bindOrNak(Inbound in, Client client, Ipv4 address, long now) {
        Optional<Subnet> subnet = SubnetSelector.select(state, in.message(), in.interfaceAddress());
        if (subnet.isEmpty()) return noSubnet(in);
        if (!subnet.get().cidr().contains(address))
            return nak(in, address + " is not on this network (" + subnet.get().cidr() + ")");
        if (!allocator.acceptable(subnet.get(), client, address, now))
            return nak(in, address + " is not available to this client; start again with DHCPDISCOVER");
        return bind(in, client, subnet.get(), address, now);
    }

    private Decision bind(Inbound in, Client client, Subnet subnet, Ipv4 address, long now) {
        DhcpMessage request = in.message();
        LeaseTimes times = LeaseTimes.grant(subnet, request);
        Command.BindLease command = new Command.BindLease(address, client.mac(), client.clientId(),
                hostname(client, request).orElse(null), subnet.name(), now, times.expiresAt(now));
        pending.committing(client.clientId(), address, now);
        return new Decision.CommitThenReply(command,
                replies.lease(DhcpMessageType.ACK, in, client, subnet, address, times), ReplyRoute.forReply(request, false),
                replies.nak(in, address + " could not be bound; start again with DHCPDISCOVER"), ReplyRoute.forReply(request, true));
    }

    /** The configured name (reservation, then machine) over what the client calls itself (option 12). */
    private Optional<String> hostname(Client client, DhcpMessage request) {
        Optional<String> configured = state.reservation(client.mac()).map(Reservation::hostname)
                .or(() -> state.machineByMac(client.mac()).map(Machine::name));
        return configured.or(request::hostname).map(RequestPolicy::printable).filter(h -> !h.isEmpty());
    }

    /** Client-supplied text goes into logs and the API: no control characters, bounded length. */
    private static String printable(String text) {
        String clean = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return clean.length() > 253 ? clean.substring(0, 253) : clean;
    }

    private Decision nak(Inbound in, String why) {
        return new Decision.Reply(replies.nak(in, why), ReplyRoute.forReply(in.message(), true));
    }

    private static Decision noSubnet(Inbound in) {
        return new Decision.Ignore(IgnoreReason.NO_SUBNET, DhcpPolicy.noSubnetDetail(in));
    }
}
