package io.pharos.protocols.dhcp.policy;

import static io.pharos.protocols.dhcp.policy.Requests.*;
import static org.junit.jupiter.api.Assertions.*;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.model.Lease;
import io.pharos.core.model.LeaseState;
import io.pharos.core.model.Reservation;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import io.pharos.protocols.dhcp.DhcpMessage;
import io.pharos.protocols.dhcp.DhcpMessageType;
import io.pharos.protocols.dhcp.DhcpOption;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DhcpPolicyTest {
    private final State state = stateWith(lab(), remote());
    private final DhcpPolicy policy = new DhcpPolicy(state, DhcpPolicySettings.DEFAULTS);

    private Decision decide(DhcpMessage message) {
        return policy.decide(inbound(message), NOW);
    }

    private DhcpMessage offer(Mac mac) {
        return ((Decision.Reply) decide(discover(mac))).reply();
    }

    /** DISCOVER, REQUEST and commit: what a client does to get an address. */
    private Ipv4 bind(Mac mac) {
        Ipv4 address = offer(mac).yiaddr();
        Decision.CommitThenReply commit = (Decision.CommitThenReply) decide(select(mac, SERVER, address));
        assertEquals(Result.OK, state.apply(commit.command()));
        policy.settled(commit);
        return address;
    }

    @Test
    void discoverIsOfferedAPoolAddressWithTheLeaseAndSubnetOptions() {
        Decision decision = decide(discover(mac(1)));

        Decision.Reply reply = assertInstanceOf(Decision.Reply.class, decision);
        DhcpMessage offer = reply.reply();
        assertEquals(DhcpMessageType.OFFER, type(offer));
        assertEquals(Ipv4.parse("10.0.0.100"), offer.yiaddr());
        assertEquals(DhcpMessage.BOOTREPLY, offer.op());
        assertEquals(0x1234, offer.xid());
        assertEquals(SERVER, ip(offer, DhcpOption.SERVER_IDENTIFIER));
        assertEquals(3600, u32(offer, DhcpOption.LEASE_TIME));
        assertEquals(1800, u32(offer, DhcpOption.RENEWAL_TIME));
        assertEquals(3150, u32(offer, DhcpOption.REBINDING_TIME));
        assertEquals(Ipv4.parse("255.255.255.0"), ip(offer, DhcpOption.SUBNET_MASK));
        assertEquals(Ipv4.parse("10.0.0.1"), ip(offer, DhcpOption.ROUTER));
        assertEquals(Ipv4.parse("10.0.0.53"), ip(offer, DhcpOption.DOMAIN_NAME_SERVERS));
        assertEquals("lab.example", text(offer, DhcpOption.DOMAIN_NAME));
        assertEquals("", offer.file(), "a client that is not network-booting gets no boot file");
        assertEquals(new ReplyRoute.Broadcast(), reply.route());
    }

    @Test
    void concurrentDiscoversGetDifferentAddressesAndARepeatGetsTheSameOffer() {
        Ipv4 first = offer(mac(1)).yiaddr();
        Ipv4 second = offer(mac(2)).yiaddr();
        assertNotEquals(first, second);
        assertEquals(first, offer(mac(1)).yiaddr());
    }

    @Test
    void requestForOurOfferCommitsABindingAndAcksAfterwards() {
        Ipv4 offered = offer(mac(1)).yiaddr();
        Decision decision = decide(select(mac(1), SERVER, offered)
                .withOption(DhcpOption.text(DhcpOption.HOSTNAME, "node-a")));

        Decision.CommitThenReply commit = assertInstanceOf(Decision.CommitThenReply.class, decision);
        assertEquals(new Command.BindLease(offered, mac(1), mac(1).toString(), "node-a", "lab", NOW, NOW + 3_600_000),
                commit.command());
        assertEquals(DhcpMessageType.ACK, type(commit.ack()));
        assertEquals(offered, commit.ack().yiaddr());
        assertEquals(DhcpMessageType.NAK, type(commit.nak()));
        assertEquals(Result.OK, state.apply(commit.command()));
        Lease lease = state.leaseByClient(mac(1).toString()).orElseThrow();
        assertEquals(offered, lease.address());
        assertEquals(LeaseState.BOUND, lease.state());
    }

    @Test
    void anAddressWhoseBindingIsInFlightIsNotOfferedToAnotherClient() {
        Ipv4 offered = offer(mac(1)).yiaddr();
        Decision.CommitThenReply commit = (Decision.CommitThenReply) decide(select(mac(1), SERVER, offered));
        DhcpMessage other = offer(mac(2));
        assertNotEquals(offered, other.yiaddr());
        Decision stolen = decide(select(mac(3), SERVER, offered));
        assertEquals(DhcpMessageType.NAK, type(assertInstanceOf(Decision.Reply.class, stolen).reply()));
        state.apply(commit.command());
        policy.settled(commit);
        assertEquals(1, policy.pendingCount(), "only mac 2's offer is still held");
    }

    @Test
    void choosingAnotherServerVoidsOurOffer() {
        Ipv4 offered = offer(mac(1)).yiaddr();
        Decision decision = decide(select(mac(1), Ipv4.parse("10.0.0.250"), offered));
        assertEquals(IgnoreReason.OTHER_SERVER, assertInstanceOf(Decision.Ignore.class, decision).reason());
        // The address is free again: another client that asks for it gets it.
        Decision asked = decide(discover(mac(3), DhcpOption.ip(DhcpOption.REQUESTED_ADDRESS, offered)));
        assertEquals(offered, ((Decision.Reply) asked).reply().yiaddr());
    }

    @Test
    void requestForAnAddressAnotherClientHoldsIsNaked() {
        Ipv4 taken = bind(mac(1));
        Decision decision = decide(select(mac(2), SERVER, taken));
        Decision.Reply nak = assertInstanceOf(Decision.Reply.class, decision);
        assertEquals(DhcpMessageType.NAK, type(nak.reply()));
        assertEquals(Ipv4.ANY, nak.reply().yiaddr());
        assertFalse(nak.reply().has(DhcpOption.LEASE_TIME));
        assertEquals(new ReplyRoute.Broadcast(), nak.route());
    }

    @Test
    void initRebootIsAckedForTheClientsOwnAddressNakedOtherwiseAndIgnoredForStrangers() {
        Ipv4 own = bind(mac(1));
        Ipv4 other = bind(mac(2));

        assertInstanceOf(Decision.CommitThenReply.class, decide(initReboot(mac(1), own)));
        assertEquals(DhcpMessageType.NAK, type(((Decision.Reply) decide(initReboot(mac(1), other))).reply()));
        assertEquals(DhcpMessageType.NAK, type(((Decision.Reply) decide(initReboot(mac(1), Ipv4.parse("172.16.0.9")))).reply()),
                "an address from another network");
        Decision stranger = decide(initReboot(mac(9), Ipv4.parse("10.0.0.105")));
        assertEquals(IgnoreReason.NO_RECORD, assertInstanceOf(Decision.Ignore.class, stranger).reason());
        assertEquals(DhcpMessageType.NAK, type(((Decision.Reply) decide(initReboot(mac(9), own))).reply()),
                "a stranger claiming a held address is told no");
    }

    @Test
    void renewalExtendsTheLeaseAndIsUnicastToTheClient() {
        Ipv4 own = bind(mac(1));
        long later = NOW + 1_800_000;
        Decision decision = policy.decide(inbound(renew(mac(1), own)), later);

        Decision.CommitThenReply commit = assertInstanceOf(Decision.CommitThenReply.class, decision);
        assertEquals(later + 3_600_000, commit.command().expiresAt());
        assertEquals(new ReplyRoute.Unicast(own), commit.ackRoute());
        assertEquals(own, commit.ack().ciaddr());
        assertEquals(new ReplyRoute.Broadcast(), commit.nakRoute());
        state.apply(commit.command());
        assertEquals(later + 3_600_000, state.leaseByAddress(own).orElseThrow().expiresAt());
    }

    @Test
    void renewalOfAnotherClientsAddressIsNaked() {
        Ipv4 theirs = bind(mac(1));
        Decision decision = decide(renew(mac(2), theirs));
        assertEquals(DhcpMessageType.NAK, type(assertInstanceOf(Decision.Reply.class, decision).reply()));
    }

    @Test
    void aRelayedRequestUsesTheRelaysSubnetAndIsAnsweredToTheRelay() {
        Ipv4 relay = Ipv4.parse("192.168.5.1");
        Decision.Reply reply = (Decision.Reply) decide(relayed(discover(mac(1)), relay));
        assertTrue(remote().inRanges(reply.reply().yiaddr()));
        assertEquals(relay, reply.reply().giaddr());
        assertEquals(600, u32(reply.reply(), DhcpOption.LEASE_TIME));
        assertEquals(new ReplyRoute.ViaRelay(relay), reply.route());

        Decision nak = decide(relayed(select(mac(1), SERVER, Ipv4.parse("10.0.0.100")), relay));
        Decision.Reply nakReply = assertInstanceOf(Decision.Reply.class, nak);
        assertEquals(DhcpMessageType.NAK, type(nakReply.reply()));
        assertTrue(nakReply.reply().broadcast(), "RFC 2131 §4.3.2: a relayed NAK has the broadcast bit");
        assertEquals(new ReplyRoute.ViaRelay(relay), nakReply.route());
    }

    @Test
    void subnetSelectionOptionPicksTheSubnet() {
        Decision.Reply reply = (Decision.Reply) decide(discover(mac(1),
                DhcpOption.ip(SubnetSelector.SUBNET_SELECTION, Ipv4.parse("192.168.5.0"))));
        assertTrue(remote().inRanges(reply.reply().yiaddr()));
    }

    @Test
    void aRequestFromANetworkWithoutSubnetIsIgnored() {
        Decision decision = policy.decide(new Inbound(discover(mac(1)), Ipv4.parse("172.16.0.1"), SERVER), NOW);
        Decision.Ignore ignore = assertInstanceOf(Decision.Ignore.class, decision);
        assertEquals(IgnoreReason.NO_SUBNET, ignore.reason());
        assertTrue(ignore.detail().contains("172.16.0.1"), ignore.detail());
    }

    @Test
    void declineQuarantinesTheAddressForTheConfiguredTime() {
        Ipv4 address = bind(mac(1));
        Decision decision = decide(decline(mac(1), address));
        Decision.CommitOnly commit = assertInstanceOf(Decision.CommitOnly.class, decision);
        assertEquals(new Command.DeclineLease(address, mac(1).toString(), NOW, NOW + 24 * 3_600_000L), commit.command());
        state.apply(commit.command());
        Decision asked = decide(discover(mac(2), DhcpOption.ip(DhcpOption.REQUESTED_ADDRESS, address)));
        assertNotEquals(address, ((Decision.Reply) asked).reply().yiaddr());
        assertEquals(IgnoreReason.NOT_CLIENTS_LEASE,
                ((Decision.Ignore) decide(decline(mac(3), Ipv4.parse("10.0.0.107")))).reason(),
                "a client cannot quarantine addresses it was never given");
    }

    @Test
    void releaseCommitsWithoutReplyAndTheClientGetsTheAddressBack() {
        Ipv4 address = bind(mac(1));
        assertEquals(IgnoreReason.NOT_CLIENTS_LEASE, ((Decision.Ignore) decide(release(mac(2), address))).reason());
        Decision.CommitOnly commit = assertInstanceOf(Decision.CommitOnly.class, decide(release(mac(1), address)));
        assertEquals(new Command.ReleaseLease(address, mac(1).toString(), NOW), commit.command());
        state.apply(commit.command());
        offer(mac(2));
        assertEquals(address, offer(mac(1)).yiaddr(), "affinity: a released client comes back to its address");
    }

    @Test
    void informIsAnsweredWithOptionsButNoLease() {
        Ipv4 self = Ipv4.parse("10.0.0.20");
        Decision decision = decide(message(DhcpMessageType.INFORM, mac(1)).withCiaddr(self));
        Decision.Reply reply = assertInstanceOf(Decision.Reply.class, decision);
        assertEquals(DhcpMessageType.ACK, type(reply.reply()));
        assertEquals(Ipv4.ANY, reply.reply().yiaddr());
        assertFalse(reply.reply().has(DhcpOption.LEASE_TIME), "RFC 2131 §4.3.5: no lease time in an INFORM ack");
        assertEquals(Ipv4.parse("10.0.0.1"), ip(reply.reply(), DhcpOption.ROUTER));
        assertEquals(new ReplyRoute.Unicast(self), reply.route());
        assertTrue(state.leases().isEmpty());
    }

    @Test
    void aReservedClientGetsItsAddressHostnameAndOptions() {
        Ipv4 reserved = Ipv4.parse("10.0.0.50");
        state.apply(new Command.PutReservation(new Reservation(mac(7), reserved, "db1",
                Map.of("router", "10.0.0.254", "ntp-servers", "10.0.0.123"))));
        DhcpMessage offer = offer(mac(7));
        assertEquals(reserved, offer.yiaddr());
        assertEquals("db1", text(offer, DhcpOption.HOSTNAME));
        assertEquals(Ipv4.parse("10.0.0.254"), ip(offer, DhcpOption.ROUTER));
        assertEquals(Ipv4.parse("10.0.0.123"), ip(offer, 42));
        assertEquals(Ipv4.parse("10.0.0.53"), ip(offer, DhcpOption.DOMAIN_NAME_SERVERS));
        Decision.CommitThenReply commit = (Decision.CommitThenReply) decide(select(mac(7), SERVER, reserved));
        assertEquals("db1", commit.command().hostname());
    }

    @Test
    void aClientReservedAfterItLeasedIsMovedToItsReservation() {
        Ipv4 dynamic = bind(mac(1));
        state.apply(new Command.PutReservation(new Reservation(mac(1), Ipv4.parse("10.0.0.51"), null, Map.of())));
        Decision renewal = decide(renew(mac(1), dynamic));
        assertEquals(DhcpMessageType.NAK, type(assertInstanceOf(Decision.Reply.class, renewal).reply()));
        assertEquals(Ipv4.parse("10.0.0.51"), offer(mac(1)).yiaddr());
    }

    @Test
    void aReservedAddressIsNeverGivenToAnotherClient() {
        Ipv4 reserved = Ipv4.parse("10.0.0.100");
        state.apply(new Command.PutReservation(new Reservation(mac(7), reserved, null, Map.of())));
        assertNotEquals(reserved, offer(mac(1)).yiaddr());
        Decision decision = decide(select(mac(1), SERVER, reserved));
        assertEquals(DhcpMessageType.NAK, type(((Decision.Reply) decision).reply()));
    }

    @Test
    void aShorterRequestedLeaseIsHonouredALongerOneIsNot() {
        DhcpMessage shorter = ((Decision.Reply) decide(discover(mac(1), DhcpOption.u32(DhcpOption.LEASE_TIME, 600)))).reply();
        assertEquals(600, u32(shorter, DhcpOption.LEASE_TIME));
        assertEquals(300, u32(shorter, DhcpOption.RENEWAL_TIME));
        assertEquals(525, u32(shorter, DhcpOption.REBINDING_TIME));
        DhcpMessage longer = ((Decision.Reply) decide(discover(mac(2), DhcpOption.u32(DhcpOption.LEASE_TIME, 86_400)))).reply();
        assertEquals(3600, u32(longer, DhcpOption.LEASE_TIME));
    }

    @Test
    void relayAgentInformationAndClientIdentifierAreEchoed() {
        byte[] agent = {1, 4, 'p', 'o', 'r', 't'};
        byte[] clientId = {1, 2, 0, 0, 0, 0, 1};
        DhcpMessage request = relayed(discover(mac(1), new DhcpOption(DhcpOption.CLIENT_IDENTIFIER, clientId),
                new DhcpOption(DhcpOption.RELAY_AGENT_INFO, agent)), Ipv4.parse("10.0.0.1"));
        DhcpMessage reply = ((Decision.Reply) decide(request)).reply();
        assertArrayEquals(agent, reply.option(DhcpOption.RELAY_AGENT_INFO).orElseThrow().data());
        assertArrayEquals(clientId, reply.option(DhcpOption.CLIENT_IDENTIFIER).orElseThrow().data());
        Decision.CommitThenReply commit = (Decision.CommitThenReply) decide(relayed(select(mac(1), SERVER, reply.yiaddr())
                .withOption(new DhcpOption(DhcpOption.CLIENT_IDENTIFIER, clientId)), Ipv4.parse("10.0.0.1")));
        assertEquals("01020000000001", commit.command().clientId(), "option 61 as hex keys the lease");
    }

    @Test
    void optionsTheClientAskedForComeFirst() {
        DhcpMessage reply = ((Decision.Reply) decide(discover(mac(1),
                DhcpOption.u8(DhcpOption.PARAMETER_REQUEST_LIST, DhcpOption.DOMAIN_NAME)))).reply();
        int domain = reply.options().indexOf(reply.option(DhcpOption.DOMAIN_NAME).orElseThrow());
        int router = reply.options().indexOf(reply.option(DhcpOption.ROUTER).orElseThrow());
        assertTrue(domain < router, reply.options().toString());
    }

    @Test
    void whatTheServerMustNotAnswerIsIgnoredWithAReason() {
        DhcpMessage offerFromElsewhere = DhcpMessage.replyTo(discover(mac(1)))
                .withOption(DhcpOption.u8(DhcpOption.MESSAGE_TYPE, DhcpMessageType.OFFER.code()));
        assertEquals(IgnoreReason.NOT_A_REQUEST, ((Decision.Ignore) decide(offerFromElsewhere)).reason());
        assertEquals(IgnoreReason.NO_MESSAGE_TYPE, ((Decision.Ignore) decide(discover(mac(1)).withoutOption(DhcpOption.MESSAGE_TYPE))).reason());
        assertEquals(IgnoreReason.UNSUPPORTED_TYPE, ((Decision.Ignore) decide(message(DhcpMessageType.ACK, mac(1)))).reason());
        DhcpMessage infiniband = new DhcpMessage(1, 32, 0, 0, 1, 0, 0, Ipv4.ANY, Ipv4.ANY, Ipv4.ANY, Ipv4.ANY, new byte[16],
                "", "", discover(mac(1)).options());
        assertEquals(IgnoreReason.NOT_ETHERNET, ((Decision.Ignore) decide(infiniband)).reason());
    }

    @Test
    void anExhaustedPoolIsReportedWithTheSubnetName() {
        for (int i = 0; i < 10; i++) bind(mac(100 + i));
        Decision.Ignore ignore = assertInstanceOf(Decision.Ignore.class, decide(discover(mac(1))));
        assertEquals(IgnoreReason.POOL_EXHAUSTED, ignore.reason());
        assertEquals("lab", ignore.detail());
        assertEquals("pool-exhausted", ignore.reason().id());
    }
}
