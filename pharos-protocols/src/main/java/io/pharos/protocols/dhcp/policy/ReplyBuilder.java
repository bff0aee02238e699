package io.pharos.protocols.dhcp.policy;

import io.pharos.core.model.Machine;
import io.pharos.core.model.Reservation;
import io.pharos.core.model.Subnet;
import io.pharos.core.net.Ipv4;
import io.pharos.core.state.State;
import io.pharos.protocols.dhcp.DhcpMessage;
import io.pharos.protocols.dhcp.DhcpMessageType;
import io.pharos.protocols.dhcp.DhcpOption;
import io.pharos.protocols.dhcp.DhcpOptionCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds replies per RFC 2131 §4.3.1 table 3: the header fields, then options in priority order, so that
 * trimming to the client's option 57 drops the least wanted last: 53, 54, lease times, 1, the operator's
 * options (the ones the client asked for in option 55 first, in its order), boot options, and the echoed
 * 61 (RFC 6842 §3) and 82 (RFC 3046 §2.2).
 */
final class ReplyBuilder {
    /** Set from the lease and the CIDR, so an operator's value would contradict what was committed. */
    private static final Set<Integer> MANAGED = Set.of(DhcpOption.SUBNET_MASK, DhcpOption.LEASE_TIME,
            DhcpOption.RENEWAL_TIME, DhcpOption.REBINDING_TIME, DhcpOption.CLIENT_IDENTIFIER);

    private final State state;
    private final DhcpPolicySettings settings;

    ReplyBuilder(State state, DhcpPolicySettings settings) {
        this.state = state;
        this.settings = settings;
    }

    /** An OFFER or ACK binding {@code address}. */
    DhcpMessage lease(DhcpMessageType type, Inbound in, Client client, Subnet subnet, Ipv4 address, LeaseTimes times) {
        DhcpMessage request = in.message();
        List<DhcpOption> options = new ArrayList<>();
        options.add(DhcpOption.u8(DhcpOption.MESSAGE_TYPE, type.code()));
        options.add(DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, in.serverAddress()));
        options.add(DhcpOption.u32(DhcpOption.LEASE_TIME, times.seconds()));
        options.add(DhcpOption.u32(DhcpOption.RENEWAL_TIME, times.renewalSeconds()));
        options.add(DhcpOption.u32(DhcpOption.REBINDING_TIME, times.rebindingSeconds()));
        options.add(DhcpOption.ip(DhcpOption.SUBNET_MASK, subnet.cidr().netmask()));
        DhcpMessage reply = DhcpMessage.replyTo(request).withYiaddr(address);
        // RFC 2131 table 3: an ACK carries the request's ciaddr, an OFFER zero.
        if (type == DhcpMessageType.ACK) reply = reply.withCiaddr(request.ciaddr());
        return finish(reply, options, in, client, subnet);
    }

    /** The ACK to an INFORM: configuration only, no yiaddr and no lease time (RFC 2131 §4.3.5). */
    DhcpMessage inform(Inbound in, Client client, Subnet subnet) {
        List<DhcpOption> options = new ArrayList<>();
        options.add(DhcpOption.u8(DhcpOption.MESSAGE_TYPE, DhcpMessageType.ACK.code()));
        options.add(DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, in.serverAddress()));
        options.add(DhcpOption.ip(DhcpOption.SUBNET_MASK, subnet.cidr().netmask()));
        return finish(DhcpMessage.replyTo(in.message()).withCiaddr(in.message().ciaddr()), options, in, client, subnet);
    }

    /** PXE vendor options (option 43): tag 6 PXE_DISCOVERY_CONTROL = 8 (boot file given, no discovery), end. */
    private static final byte[] PXE_USE_BOOT_FILE = {6, 1, 8, (byte) 0xff};

    /** A NAK says only why (option 56); a relayed one has the broadcast bit set (RFC 2131 §4.3.2). */
    DhcpMessage nak(Inbound in, String why) {
        DhcpMessage request = in.message();
        List<DhcpOption> options = new ArrayList<>();
        options.add(DhcpOption.u8(DhcpOption.MESSAGE_TYPE, DhcpMessageType.NAK.code()));
        options.add(DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, in.serverAddress()));
        options.add(DhcpOption.text(DhcpOption.MESSAGE, why.length() > 250 ? why.substring(0, 250) : why));
        echo(request, options);
        DhcpMessage reply = DhcpMessage.replyTo(request).withOptions(options);
        return request.giaddr().isAny() ? reply : reply.withBroadcast(true);
    }

    private DhcpMessage finish(DhcpMessage reply, List<DhcpOption> fixed, Inbound in, Client client, Subnet subnet) {
        DhcpMessage request = in.message();
        // By code, so a later option replaces an earlier one of the same code: a message holds each code once.
        Map<Integer, DhcpOption> options = new LinkedHashMap<>();
        fixed.forEach(o -> options.put(o.code(), o));
        Map<Integer, DhcpOption> configured = configured(client, subnet);
        List<Integer> asked = request.parameterRequestList();
        configured.values().stream().sorted(Comparator.comparingInt(o -> rank(asked, o.code())))
                .forEach(o -> options.putIfAbsent(o.code(), o));
        Ipv4 nextServer = subnet.nextServer() != null ? subnet.nextServer() : in.serverAddress();
        Optional<BootChoice> boot = BootChoice.choose(request, client.mac(), in.serverAddress(), nextServer, settings);
        if (boot.isPresent()) {
            reply = reply.withFile(boot.get().file()).withSiaddr(boot.get().nextServer());
            boot.get().vendorClass().ifPresent(v -> options.put(DhcpOption.VENDOR_CLASS, DhcpOption.text(DhcpOption.VENDOR_CLASS, v)));
            // A PXE client told "PXEClient" without PXE options looks for a boot server on port 4011 instead of
            // fetching the file (PXE 2.1 §2.2.6, seen with OVMF): discovery control 8 says "use the file as given".
            if (boot.get().vendorClass().filter(BootChoice.PXE_CLIENT::equals).isPresent())
                options.putIfAbsent(DhcpOption.VENDOR_ENCAPSULATED, new DhcpOption(DhcpOption.VENDOR_ENCAPSULATED,
                        PXE_USE_BOOT_FILE));
            if (asked.contains(DhcpOption.BOOTFILE_NAME))
                options.putIfAbsent(DhcpOption.BOOTFILE_NAME, DhcpOption.text(DhcpOption.BOOTFILE_NAME, boot.get().file()));
        }
        List<DhcpOption> out = new ArrayList<>(options.values());
        echo(request, out);
        return reply.withOptions(out);
    }

    /** The subnet's options, then the hostname and options of the client's reservation, which override. */
    private Map<Integer, DhcpOption> configured(Client client, Subnet subnet) {
        Map<Integer, DhcpOption> byCode = new LinkedHashMap<>();
        addAll(byCode, subnet.options());
        Optional<Reservation> reservation = state.reservation(client.mac()).filter(r -> subnet.cidr().contains(r.address()));
        Optional<String> hostname = reservation.map(Reservation::hostname);
        if (reservation.isEmpty())
            hostname = state.machineByMac(client.mac())
                    .filter(m -> m.address() != null && subnet.cidr().contains(m.address()))
                    .map(Machine::name);
        hostname.filter(h -> !h.isBlank()).ifPresent(h -> byCode.put(DhcpOption.HOSTNAME, DhcpOption.text(DhcpOption.HOSTNAME, h)));
        reservation.ifPresent(r -> addAll(byCode, r.options()));
        return byCode;
    }

    /** Options were validated by the catalog before they reached the log; one that no longer encodes is skipped. */
    private static void addAll(Map<Integer, DhcpOption> byCode, Map<String, String> options) {
        options.forEach((name, value) -> {
            try {
                DhcpOption option = DhcpOptionCatalog.encode(name, value);
                if (!MANAGED.contains(option.code())) byCode.put(option.code(), option);
            } catch (IllegalArgumentException unusable) {
                // The API rejects such values; skipping keeps one bad option from silencing the whole subnet.
            }
        });
    }

    private static int rank(List<Integer> asked, int code) {
        int at = asked.indexOf(code);
        return at >= 0 ? at : asked.size() + code;
    }

    private static void echo(DhcpMessage request, List<DhcpOption> options) {
        request.option(DhcpOption.CLIENT_IDENTIFIER).ifPresent(options::add);
        request.option(DhcpOption.RELAY_AGENT_INFO).ifPresent(options::add);
    }
}
