package io.pharos.protocols.dhcp.policy;

import io.pharos.core.command.Command;
import io.pharos.core.model.Subnet;
import io.pharos.core.net.Cidr;
import io.pharos.core.net.IpRange;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import io.pharos.protocols.dhcp.DhcpMessage;
import io.pharos.protocols.dhcp.DhcpMessageType;
import io.pharos.protocols.dhcp.DhcpOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds client messages and a small lab for the policy tests. */
final class Requests {
    static final Ipv4 SERVER = Ipv4.parse("10.0.0.2");
    static final Ipv4 INTERFACE = SERVER;
    static final long NOW = 1_700_000_000_000L;

    private Requests() {
    }

    static Subnet lab() {
        return new Subnet("lab", Cidr.parse("10.0.0.0/24"), List.of(IpRange.parse("10.0.0.100-10.0.0.109")), 3600,
                Map.of("router", "10.0.0.1", "domain-name-servers", "10.0.0.53", "domain-name", "lab.example"), null);
    }

    static Subnet remote() {
        return new Subnet("remote", Cidr.parse("192.168.5.0/24"), List.of(IpRange.parse("192.168.5.10-192.168.5.20")), 600,
                Map.of("router", "192.168.5.1"), Ipv4.parse("192.168.5.3"));
    }

    static State stateWith(Subnet... subnets) {
        State state = new State();
        for (Subnet subnet : subnets) state.apply(new Command.PutSubnet(subnet));
        return state;
    }

    static Mac mac(int n) {
        return new Mac(0x02_00_00_00_00_00L + n);
    }

    static DhcpMessage message(DhcpMessageType type, Mac mac, DhcpOption... options) {
        List<DhcpOption> all = new ArrayList<>();
        all.add(DhcpOption.u8(DhcpOption.MESSAGE_TYPE, type.code()));
        all.addAll(List.of(options));
        return DhcpMessage.request(0x1234, mac, all);
    }

    static DhcpMessage discover(Mac mac, DhcpOption... options) {
        return message(DhcpMessageType.DISCOVER, mac, options);
    }

    static DhcpMessage select(Mac mac, Ipv4 server, Ipv4 address) {
        return message(DhcpMessageType.REQUEST, mac, DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, server),
                DhcpOption.ip(DhcpOption.REQUESTED_ADDRESS, address));
    }

    static DhcpMessage initReboot(Mac mac, Ipv4 address) {
        return message(DhcpMessageType.REQUEST, mac, DhcpOption.ip(DhcpOption.REQUESTED_ADDRESS, address));
    }

    static DhcpMessage renew(Mac mac, Ipv4 address) {
        return message(DhcpMessageType.REQUEST, mac).withCiaddr(address);
    }

    static DhcpMessage release(Mac mac, Ipv4 address) {
        return message(DhcpMessageType.RELEASE, mac, DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, SERVER)).withCiaddr(address);
    }

    static DhcpMessage decline(Mac mac, Ipv4 address) {
        return message(DhcpMessageType.DECLINE, mac, DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, SERVER),
                DhcpOption.ip(DhcpOption.REQUESTED_ADDRESS, address));
    }

    static DhcpMessage relayed(DhcpMessage message, Ipv4 giaddr) {
        return new DhcpMessage(message.op(), message.htype(), message.hlen(), 1, message.xid(), message.secs(),
                message.flags(), message.ciaddr(), message.yiaddr(), message.siaddr(), giaddr, message.chaddr(),
                message.sname(), message.file(), message.options());
    }

    static Inbound inbound(DhcpMessage message) {
        return new Inbound(message, INTERFACE, SERVER);
    }

    static DhcpMessageType type(DhcpMessage reply) {
        return reply.messageType().orElseThrow();
    }

    static long u32(DhcpMessage reply, int code) {
        return reply.option(code).orElseThrow().asU32().orElseThrow();
    }

    static Ipv4 ip(DhcpMessage reply, int code) {
        return reply.option(code).orElseThrow().asIp().orElseThrow();
    }

    static String text(DhcpMessage reply, int code) {
        return reply.option(code).orElseThrow().asText();
    }
}
