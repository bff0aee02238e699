package io.pharos.protocols.dhcp;

import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A DHCP message: the RFC 2131 §2 fixed header and its options in wire order, one entry per code
 * (split instances already joined, RFC 3396). When a received packet overloaded sname/file with options
 * (RFC 2132 §9.3) those options are in {@link #options()} and the field reads as "". The fields are
 * ISO-8859-1 so each wire byte is one char and back. Option 52 is wire layout and never appears here.
 */
public record DhcpMessage(int op, int htype, int hlen, int hops, int xid, int secs, int flags,
                          Ipv4 ciaddr, Ipv4 yiaddr, Ipv4 siaddr, Ipv4 giaddr, byte[] chaddr,
                          String sname, String file, List<DhcpOption> options) {
    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int HTYPE_ETHERNET = 1;
    /** RFC 2131 §2, figure 2: the client cannot receive unicast before it has an address. */
    public static final int FLAG_BROADCAST = 0x8000;
    public static final int CHADDR_LENGTH = 16;
    public static final int SNAME_LENGTH = 64;
    public static final int FILE_LENGTH = 128;

    public DhcpMessage {
        requireRange("op", op, 0xff);
        requireRange("htype", htype, 0xff);
        requireRange("hlen", hlen, 0xff);
        requireRange("hops", hops, 0xff);
        requireRange("secs", secs, 0xffff);
        requireRange("flags", flags, 0xffff);
        Objects.requireNonNull(ciaddr, "ciaddr");
        Objects.requireNonNull(yiaddr, "yiaddr");
        Objects.requireNonNull(siaddr, "siaddr");
        Objects.requireNonNull(giaddr, "giaddr");
        if (chaddr.length > CHADDR_LENGTH) throw new IllegalArgumentException("chaddr holds at most 16 bytes, not " + chaddr.length);
        chaddr = Arrays.copyOf(chaddr, CHADDR_LENGTH);
        requireField("sname", sname, SNAME_LENGTH);
        requireField("file", file, FILE_LENGTH);
        options = List.copyOf(options);
        // Codes are 1..254 (DhcpOption checks), so a bit set is enough; a message is built several times per reply.
        BitSet seen = new BitSet(256);
        for (DhcpOption option : options) {
            if (option.code() == DhcpOption.OVERLOAD)
                throw new IllegalArgumentException("option overload (52) is chosen by the codec, not carried in a message");
            if (seen.get(option.code()))
                throw new IllegalArgumentException("option " + option.code() + " appears twice; join the values into one option (RFC 3396)");
            seen.set(option.code());
        }
    }

    private static void requireRange(String name, int value, int max) {
        if (value < 0 || value > max) throw new IllegalArgumentException(name + " must be 0.." + max + ", not " + value);
    }

    private static void requireField(String name, String value, int max) {
        if (value.length() > max) throw new IllegalArgumentException(name + " holds at most " + max + " bytes, not " + value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c > 0xff)
                throw new IllegalArgumentException(name + " must be ISO-8859-1 text without NUL; bad char at " + i);
        }
    }

    /** A BOOTREQUEST from an Ethernet client with all addresses zero. */
    public static DhcpMessage request(int xid, Mac mac, List<DhcpOption> options) {
        return new DhcpMessage(BOOTREQUEST, HTYPE_ETHERNET, 6, 0, xid, 0, 0, Ipv4.ANY, Ipv4.ANY, Ipv4.ANY, Ipv4.ANY,
                mac.toBytes(), "", "", options);
    }

    /**
     * A BOOTREPLY skeleton per RFC 2131 §4.3.1 table 3: xid, htype, hlen, flags, giaddr and chaddr copied
     * from the request; hops, secs, ciaddr, yiaddr, siaddr zero; no options. Fill in with the withers.
     */
    public static DhcpMessage replyTo(DhcpMessage request) {
        return new DhcpMessage(BOOTREPLY, request.htype, request.hlen, 0, request.xid, 0, request.flags,
                Ipv4.ANY, Ipv4.ANY, Ipv4.ANY, request.giaddr, request.chaddr, "", "", List.of());
    }

    @Override
    public byte[] chaddr() {
        return chaddr.clone();
    }

    /** The client's MAC when the hardware is Ethernet (htype 1, hlen 6). */
    public Optional<Mac> mac() {
        return htype == HTYPE_ETHERNET && hlen == 6 ? Optional.of(Mac.of(chaddr, 0)) : Optional.empty();
    }

    public boolean broadcast() {
        return (flags & FLAG_BROADCAST) != 0;
    }

    public DhcpMessage withBroadcast(boolean on) {
        return withFlags(on ? flags | FLAG_BROADCAST : flags & ~FLAG_BROADCAST);
    }

    public DhcpMessage withFlags(int value) {
        return new DhcpMessage(op, htype, hlen, hops, xid, secs, value, ciaddr, yiaddr, siaddr, giaddr, chaddr, sname, file, options);
    }

    public DhcpMessage withCiaddr(Ipv4 value) {
        return new DhcpMessage(op, htype, hlen, hops, xid, secs, flags, value, yiaddr, siaddr, giaddr, chaddr, sname, file, options);
    }

    public DhcpMessage withYiaddr(Ipv4 value) {
        return new DhcpMessage(op, htype, hlen, hops, xid, secs, flags, ciaddr, value, siaddr, giaddr, chaddr, sname, file, options);
    }

    public DhcpMessage withSiaddr(Ipv4 value) {
        return new DhcpMessage(op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, value, giaddr, chaddr, sname, file, options);
    }

    public DhcpMessage withSname(String value) {
        return new DhcpMessage(op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr, chaddr, value, file, options);
    }

    public DhcpMessage withFile(String value) {
        return new DhcpMessage(op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr, chaddr, sname, value, options);
    }

    public DhcpMessage withOptions(List<DhcpOption> value) {
        return new DhcpMessage(op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr, chaddr, sname, file, value);
    }

    /** Replaces the option with the same code in place, or appends it. */
    public DhcpMessage withOption(DhcpOption option) {
        List<DhcpOption> out = new ArrayList<>(options);
        int at = indexOf(option.code());
        if (at >= 0) out.set(at, option);
        else out.add(option);
        return withOptions(out);
    }

    public DhcpMessage withoutOption(int code) {
        return withOptions(options.stream().filter(o -> o.code() != code).toList());
    }

    private int indexOf(int code) {
        for (int i = 0; i < options.size(); i++) if (options.get(i).code() == code) return i;
        return -1;
    }

    public Optional<DhcpOption> option(int code) {
        int at = indexOf(code);
        return at < 0 ? Optional.empty() : Optional.of(options.get(at));
    }

    public boolean has(int code) {
        return indexOf(code) >= 0;
    }

    /** Empty when option 53 is absent, malformed, or a type this server does not know. */
    public Optional<DhcpMessageType> messageType() {
        OptionalInt code = u8(DhcpOption.MESSAGE_TYPE);
        return code.isPresent() ? DhcpMessageType.of(code.getAsInt()) : Optional.empty();
    }

    public Optional<Ipv4> requestedAddress() {
        return option(DhcpOption.REQUESTED_ADDRESS).flatMap(DhcpOption::asIp);
    }

    public Optional<Ipv4> serverIdentifier() {
        return option(DhcpOption.SERVER_IDENTIFIER).flatMap(DhcpOption::asIp);
    }

    /** Option 61 raw: type byte then identifier (RFC 2132 §9.14). */
    public Optional<byte[]> clientIdentifier() {
        return option(DhcpOption.CLIENT_IDENTIFIER).map(DhcpOption::data);
    }

    public Optional<String> hostname() {
        return option(DhcpOption.HOSTNAME).map(DhcpOption::asText);
    }

    /** Option 60, e.g. "PXEClient:Arch:00007:UNDI:003016". */
    public Optional<String> vendorClass() {
        return option(DhcpOption.VENDOR_CLASS).map(DhcpOption::asText);
    }

    /** Option 93 (RFC 4578 §2.1): one u16 per architecture the client supports; 0 is BIOS x86, 7 is x64 UEFI. */
    public List<Integer> clientArch() {
        return option(DhcpOption.CLIENT_ARCH).map(DhcpOption::asU16s).orElse(List.of());
    }

    /**
     * Option 97 (RFC 4578 §2.3): type 0 then 16 bytes read in RFC 4122 network order, as iPXE sends them.
     * Some firmware copies the SMBIOS mixed-endian layout instead; the raw bytes stay in {@code option(97)}.
     */
    public Optional<UUID> clientUuid() {
        Optional<DhcpOption> option = option(DhcpOption.CLIENT_UUID);
        if (option.isEmpty() || option.get().length() != 17) return Optional.empty();
        byte[] data = option.get().data();
        if (data[0] != 0) return Optional.empty();
        long high = 0, low = 0;
        for (int i = 1; i <= 8; i++) high = (high << 8) | (data[i] & 0xff);
        for (int i = 9; i <= 16; i++) low = (low << 8) | (data[i] & 0xff);
        return Optional.of(new UUID(high, low));
    }

    /** Option 77: RFC 3004 length-prefixed classes, or one plain string as iPXE sends it. */
    public List<String> userClass() {
        return option(DhcpOption.USER_CLASS).map(o -> UserClass.parse(o.data())).orElse(List.of());
    }

    /** Option 55 codes in the client's order of preference (RFC 2132 §9.8). */
    public List<Integer> parameterRequestList() {
        return option(DhcpOption.PARAMETER_REQUEST_LIST).map(DhcpOption::asU8s).orElse(List.of());
    }

    /** Option 57 as sent; {@link DhcpCodec#encode(DhcpMessage, int)} applies the 576 floor. */
    public OptionalInt maxMessageSize() {
        return option(DhcpOption.MAX_MESSAGE_SIZE).map(DhcpOption::asU16).orElse(OptionalInt.empty());
    }

    /** Option 82 raw; echo it unchanged in the reply (RFC 3046 §2.2). */
    public Optional<byte[]> relayAgentInfo() {
        return option(DhcpOption.RELAY_AGENT_INFO).map(DhcpOption::data);
    }

    /** Option 51 in seconds; 0xffffffff means infinite (RFC 2132 §9.2). */
    public OptionalLong leaseTime() {
        return option(DhcpOption.LEASE_TIME).map(DhcpOption::asU32).orElse(OptionalLong.empty());
    }

    /** Option 175: iPXE's encapsulated feature options, present in every iPXE request. */
    public boolean hasIpxeOptions() {
        return has(DhcpOption.IPXE_ENCAPSULATED);
    }

    /** The request comes from iPXE (option 175 or user class "iPXE"), so it can chain to an HTTP script. */
    public boolean isIpxe() {
        return hasIpxeOptions() || userClass().contains("iPXE");
    }

    private OptionalInt u8(int code) {
        return option(code).map(DhcpOption::asU8).orElse(OptionalInt.empty());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DhcpMessage m && op == m.op && htype == m.htype && hlen == m.hlen && hops == m.hops
                && xid == m.xid && secs == m.secs && flags == m.flags && ciaddr.equals(m.ciaddr)
                && yiaddr.equals(m.yiaddr) && siaddr.equals(m.siaddr) && giaddr.equals(m.giaddr)
                && Arrays.equals(chaddr, m.chaddr) && sname.equals(m.sname) && file.equals(m.file)
                && options.equals(m.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr,
                Arrays.hashCode(chaddr), sname, file, options);
    }

    @Override
    public String toString() {
        return "DhcpMessage[op=" + op + " xid=" + String.format("0x%08x", xid) + " htype=" + htype + " hlen=" + hlen
                + " hops=" + hops + " secs=" + secs + " flags=" + String.format("0x%04x", flags)
                + " ciaddr=" + ciaddr + " yiaddr=" + yiaddr + " siaddr=" + siaddr + " giaddr=" + giaddr
                + " chaddr=" + HexFormat.of().formatHex(chaddr) + " sname='" + sname + "' file='" + file
                + "' options=" + options + "]";
    }
}
