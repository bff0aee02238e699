package io.pharos.protocols.dhcp.policy;

import io.pharos.core.command.Command;
import io.pharos.core.model.Lease;
import io.pharos.core.model.LeaseState;
import io.pharos.core.model.Subnet;
import io.pharos.core.net.Ipv4;
import io.pharos.core.state.State;
import io.pharos.protocols.dhcp.DhcpMessage;
import io.pharos.protocols.dhcp.DhcpMessageType;
import java.util.Optional;

/**
 * The DHCPv4 server's decisions (RFC 2131 §4.3), pure apart from the short-lived offer holds: a decoded
 * request, the replicated state and the time in, a {@link Decision} out. The adapter does the I/O and the
 * commits. Decide on one thread (the receive loop); {@link #settled} may be called from any thread.
 */
public final class DhcpPolicy {
    private final State state;
    private final DhcpPolicySettings settings;
    private final PendingOffers pending;
    private final AddressAllocator allocator;
    private final ReplyBuilder replies;
    private final RequestPolicy requests;

    public DhcpPolicy(State state, DhcpPolicySettings settings) {
        this.state = state;
        this.settings = settings;
        this.pending = new PendingOffers(settings.offerHold());
        this.allocator = new AddressAllocator(state, pending);
        this.replies = new ReplyBuilder(state, settings);
        this.requests = new RequestPolicy(state, pending, allocator, replies);
    }

    public Decision decide(Inbound in, long now) {
        DhcpMessage request = in.message();
        if (request.op() != DhcpMessage.BOOTREQUEST)
            return new Decision.Ignore(IgnoreReason.NOT_A_REQUEST, "op " + request.op() + " from a server or relay");
        Optional<DhcpMessageType> type = request.messageType();
        if (type.isEmpty())
            return new Decision.Ignore(IgnoreReason.NO_MESSAGE_TYPE, "no or unknown option 53: a BOOTP client, not served");
        Optional<Client> client = Client.of(request);
        if (client.isEmpty())
            return new Decision.Ignore(IgnoreReason.NOT_ETHERNET, "htype " + request.htype() + " hlen " + request.hlen());
        return switch (type.get()) {
            case DISCOVER -> discover(in, client.get(), now);
            case REQUEST -> requests.decide(in, client.get(), now);
            case DECLINE -> decline(in, client.get(), now);
            case RELEASE -> release(in, client.get(), now);
            case INFORM -> inform(in, client.get());
            case OFFER, ACK, NAK, FORCERENEW, LEASEQUERY, LEASEUNASSIGNED, LEASEUNKNOWN, LEASEACTIVE ->
                    new Decision.Ignore(IgnoreReason.UNSUPPORTED_TYPE, type.get().wireName() + " is not for a server to answer");
        };
    }

    /** The commit of a {@link Decision.CommitThenReply} finished, whatever its outcome: lift the in-flight hold. */
    public void settled(Decision.CommitThenReply decision) {
        pending.settled(decision.clientId(), decision.address());
    }

    /** Forgets all offer holds, e.g. when this node stops serving. */
    public void reset() {
        pending.clear();
    }

    /** Offers currently held, for stats. */
    public int pendingCount() {
        return pending.size();
    }

    private Decision discover(Inbound in, Client client, long now) {
        Optional<Subnet> subnet = SubnetSelector.select(state, in.message(), in.interfaceAddress());
        if (subnet.isEmpty()) return new Decision.Ignore(IgnoreReason.NO_SUBNET, noSubnetDetail(in));
        Optional<Ipv4> address = allocator.allocate(subnet.get(), client, in.message().requestedAddress(), now);
        if (address.isEmpty()) return new Decision.Ignore(IgnoreReason.POOL_EXHAUSTED, subnet.get().name());
        pending.offer(client.clientId(), address.get(), now);
        DhcpMessage offer = replies.lease(DhcpMessageType.OFFER, in, client, subnet.get(), address.get(),
                LeaseTimes.grant(subnet.get(), in.message()));
        return new Decision.Reply(offer, ReplyRoute.forReply(in.message(), false));
    }

    /** The client found the address in use (RFC 2131 §4.3.3): quarantine it so nobody else gets it. */
    private Decision decline(Inbound in, Client client, long now) {
        Optional<Ipv4> serverId = in.message().serverIdentifier();
        if (serverId.isPresent() && !serverId.get().equals(in.serverAddress()))
            return new Decision.Ignore(IgnoreReason.OTHER_SERVER, "DHCPDECLINE for server " + serverId.get());
        Optional<Ipv4> address = in.message().requestedAddress();
        if (address.isEmpty())
            return new Decision.Ignore(IgnoreReason.MISSING_FIELD, "DHCPDECLINE without option 50 (RFC 2131 §4.3.3)");
        boolean offered = pending.offeredTo(client.clientId(), now).filter(address.get()::equals).isPresent();
        if (!offered && !heldBy(address.get(), client))
            return new Decision.Ignore(IgnoreReason.NOT_CLIENTS_LEASE, "DHCPDECLINE of " + address.get() + " by " + client.clientId());
        pending.drop(client.clientId());
        long until = now + settings.declineQuarantine().toMillis();
        return new Decision.CommitOnly(new Command.DeclineLease(address.get(), client.clientId(), now, until));
    }

    /** RFC 2131 §4.3.4: mark the lease released; the address keeps the client's affinity. */
    private Decision release(Inbound in, Client client, long now) {
        Optional<Ipv4> serverId = in.message().serverIdentifier();
        if (serverId.isPresent() && !serverId.get().equals(in.serverAddress()))
            return new Decision.Ignore(IgnoreReason.OTHER_SERVER, "DHCPRELEASE for server " + serverId.get());
        Ipv4 address = in.message().ciaddr();
        if (address.isAny())
            return new Decision.Ignore(IgnoreReason.MISSING_FIELD, "DHCPRELEASE with ciaddr 0 (RFC 2131 §4.3.4)");
        boolean bound = state.leaseByAddress(address)
                .filter(l -> l.clientId().equals(client.clientId()) && l.state() == LeaseState.BOUND).isPresent();
        if (!bound)
            return new Decision.Ignore(IgnoreReason.NOT_CLIENTS_LEASE, "DHCPRELEASE of " + address + " by " + client.clientId());
        pending.drop(client.clientId());
        return new Decision.CommitOnly(new Command.ReleaseLease(address, client.clientId(), now));
    }

    /** RFC 2131 §4.3.5: configuration for a client that configured its address itself; no lease. */
    private Decision inform(Inbound in, Client client) {
        Optional<Subnet> subnet = SubnetSelector.select(state, in.message(), in.interfaceAddress());
        if (subnet.isEmpty()) return new Decision.Ignore(IgnoreReason.NO_SUBNET, noSubnetDetail(in));
        return new Decision.Reply(replies.inform(in, client, subnet.get()), ReplyRoute.forReply(in.message(), false));
    }

    private boolean heldBy(Ipv4 address, Client client) {
        return state.leaseByAddress(address).map(Lease::clientId).filter(client.clientId()::equals).isPresent();
    }

    static String noSubnetDetail(Inbound in) {
        Ipv4 hint = SubnetSelector.networkHint(in.message(), in.interfaceAddress());
        return hint.isAny() ? "the receiving interface is unknown; serve through a relay or name the interface with --dhcp-interfaces"
                : "no subnet contains " + hint + "; add one with POST /api/v1/subnets or fix the relay's giaddr";
    }
}
