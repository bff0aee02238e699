package io.pharos.protocols.dhcp;

import io.pharos.core.net.Ipv4;
import io.pharos.protocols.MalformedPacketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * DHCPv4 wire format: the RFC 2131 §2 fixed header, the RFC 2131 §3 magic cookie, then RFC 2132 options.
 * Pure: bytes in, records out and back. Every bad input raises {@link MalformedPacketException}.
 */
public final class DhcpCodec {
    public static final int HEADER_LENGTH = 236;
    public static final int MAGIC_COOKIE = 0x63825363;
    /** RFC 2131 §2: a client must accept a 576-byte IP datagram, the floor for option 57 (RFC 2132 §9.10). */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 576;
    /** RFC 1542 §2.1: relays and old clients expect at least a 300-byte BOOTP message. */
    public static final int MIN_PACKET_LENGTH = 300;
    /** Option 57 counts IP and UDP headers: RFC 2131 §2 has 576 - 28 = a 236-byte header + a 312-byte options field. */
    static final int IP_UDP_OVERHEAD = 28;
    static final int SNAME_OFFSET = 44;
    static final int FILE_OFFSET = 108;
    static final int COOKIE_OFFSET = 236;
    static final int OPTIONS_OFFSET = 240;
    /** Kept when trimming to the client's size, in this order (RFC 2131 §4.3.1 and RFC 3046 §2.2 for 82). */
    static final List<Integer> MANDATORY = List.of(DhcpOption.MESSAGE_TYPE, DhcpOption.SERVER_IDENTIFIER,
            DhcpOption.LEASE_TIME, DhcpOption.SUBNET_MASK, DhcpOption.ROUTER, DhcpOption.RELAY_AGENT_INFO);

    private DhcpCodec() {
    }

    /** Decodes the first {@code len} bytes of {@code buf}; a caller passing a bad length gets IllegalArgumentException. */
    public static DhcpMessage decode(byte[] buf, int len) throws MalformedPacketException {
        if (len < 0 || len > buf.length) throw new IllegalArgumentException("len " + len + " outside buffer of " + buf.length);
        if (len < HEADER_LENGTH) throw new MalformedPacketException(len, "truncated header: " + len + " of 236 bytes");
        if (len < OPTIONS_OFFSET) throw new MalformedPacketException(COOKIE_OFFSET, "missing magic cookie");
        ByteBuffer in = ByteBuffer.wrap(buf, 0, len);
        if (in.getInt(COOKIE_OFFSET) != MAGIC_COOKIE)
            throw new MalformedPacketException(COOKIE_OFFSET, "bad magic cookie (not 99.130.83.99, RFC 2131 §3)");
        OptionReader.Result options = OptionReader.read(buf, OPTIONS_OFFSET, len);
        byte[] chaddr = new byte[DhcpMessage.CHADDR_LENGTH];
        System.arraycopy(buf, 28, chaddr, 0, chaddr.length);
        String sname = (options.overload() & OptionReader.SNAME_OVERLOADED) != 0 ? "" : field(buf, SNAME_OFFSET, DhcpMessage.SNAME_LENGTH);
        String file = (options.overload() & OptionReader.FILE_OVERLOADED) != 0 ? "" : field(buf, FILE_OFFSET, DhcpMessage.FILE_LENGTH);
        return new DhcpMessage(buf[0] & 0xff, buf[1] & 0xff, buf[2] & 0xff, buf[3] & 0xff, in.getInt(4),
                in.getShort(8) & 0xffff, in.getShort(10) & 0xffff, Ipv4.of(buf, 12), Ipv4.of(buf, 16),
                Ipv4.of(buf, 20), Ipv4.of(buf, 24), chaddr, sname, file, options.options());
    }

    /** A NUL-terminated string, or the whole field when a client fills it without a NUL. */
    private static String field(byte[] buf, int offset, int size) {
        int end = offset;
        while (end < offset + size && buf[end] != 0) end++;
        return new String(buf, offset, end - offset, StandardCharsets.ISO_8859_1);
    }

    /**
     * Encodes every option, splitting values over 255 bytes (RFC 3396), relay agent info last (RFC 3046
     * §2.2), padded to 300 bytes. No size limit: a server replying to a client uses {@link #encode(DhcpMessage, int)}.
     */
    public static byte[] encode(DhcpMessage message) {
        List<DhcpOption> ordered = new ArrayList<>(message.options().size());
        DhcpOption relay = null;
        int size = OPTIONS_OFFSET + 1;
        for (DhcpOption option : message.options()) {
            size += wireSize(option);
            if (option.code() == DhcpOption.RELAY_AGENT_INFO) relay = option;
            else ordered.add(option);
        }
        if (relay != null) ordered.add(relay);
        ByteBuffer out = ByteBuffer.allocate(Math.max(size, MIN_PACKET_LENGTH));
        out.put((byte) message.op()).put((byte) message.htype()).put((byte) message.hlen()).put((byte) message.hops());
        out.putInt(message.xid()).putShort((short) message.secs()).putShort((short) message.flags());
        out.put(message.ciaddr().toBytes()).put(message.yiaddr().toBytes()).put(message.siaddr().toBytes()).put(message.giaddr().toBytes());
        out.put(message.chaddr());
        out.put(message.sname().getBytes(StandardCharsets.ISO_8859_1)).position(FILE_OFFSET);
        out.put(message.file().getBytes(StandardCharsets.ISO_8859_1)).position(COOKIE_OFFSET);
        out.putInt(MAGIC_COOKIE);
        for (DhcpOption option : ordered) write(out, option);
        out.put((byte) 255);
        return out.array();
    }

    /** {@link #fit} then {@link #encode(DhcpMessage)}: a reply no larger than the client said it accepts. */
    public static byte[] encode(DhcpMessage message, int maxMessageSize) {
        return encode(fit(message, maxMessageSize));
    }

    /**
     * The message with options dropped until the packet fits {@code maxMessageSize} (option 57, an IP
     * datagram size; values under 576 are raised to 576, RFC 2132 §9.10). Message type, server identifier,
     * lease time, subnet mask, router and relay agent info are always kept; the rest are kept in list order
     * while they fit. Compare with the input to log what was dropped.
     */
    public static DhcpMessage fit(DhcpMessage message, int maxMessageSize) {
        int budget = Math.max(maxMessageSize, DEFAULT_MAX_MESSAGE_SIZE) - IP_UDP_OVERHEAD - OPTIONS_OFFSET - 1;
        BitSet kept = new BitSet(256);
        for (DhcpOption option : message.options()) {
            if (MANDATORY.contains(option.code())) {
                kept.set(option.code());
                budget -= wireSize(option);
            }
        }
        for (DhcpOption option : message.options()) {
            if (!kept.get(option.code()) && wireSize(option) <= budget) {
                kept.set(option.code());
                budget -= wireSize(option);
            }
        }
        if (kept.cardinality() == message.options().size()) return message;
        return message.withOptions(message.options().stream().filter(o -> kept.get(o.code())).toList());
    }

    /** Bytes the option takes on the wire: a code and length byte per 255-byte instance (RFC 3396). */
    static int wireSize(DhcpOption option) {
        int instances = Math.max(1, (option.length() + 254) / 255);
        return 2 * instances + option.length();
    }

    private static void write(ByteBuffer out, DhcpOption option) {
        byte[] data = option.data();
        int offset = 0;
        do {
            int chunk = Math.min(255, data.length - offset);
            out.put((byte) option.code()).put((byte) chunk).put(data, offset, chunk);
            offset += chunk;
        } while (offset < data.length);
    }
}
