package io.pharos.protocols.dhcp;

import io.pharos.core.net.Ipv4;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One DHCP option as code and raw value bytes, whatever the code: an unknown option is kept and
 * re-encoded untouched (RFC 2132 §2). The value may exceed 255 bytes; the codec splits it into
 * several instances on the wire and joins them on decode (RFC 3396). Immutable: bytes are copied in
 * and out. The typed readers return empty when the value has the wrong length, never throw.
 */
public record DhcpOption(int code, byte[] data) {
    public static final int SUBNET_MASK = 1;
    public static final int ROUTER = 3;
    public static final int DOMAIN_NAME_SERVERS = 6;
    public static final int HOSTNAME = 12;
    public static final int DOMAIN_NAME = 15;
    public static final int VENDOR_ENCAPSULATED = 43;
    public static final int REQUESTED_ADDRESS = 50;
    public static final int LEASE_TIME = 51;
    /** Wire layout only: consumed by decode, never present in a {@link DhcpMessage}. */
    public static final int OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_IDENTIFIER = 54;
    public static final int PARAMETER_REQUEST_LIST = 55;
    public static final int MESSAGE = 56;
    public static final int MAX_MESSAGE_SIZE = 57;
    public static final int RENEWAL_TIME = 58;
    public static final int REBINDING_TIME = 59;
    public static final int VENDOR_CLASS = 60;
    public static final int CLIENT_IDENTIFIER = 61;
    public static final int TFTP_SERVER_NAME = 66;
    public static final int BOOTFILE_NAME = 67;
    public static final int USER_CLASS = 77;
    public static final int RELAY_AGENT_INFO = 82;
    public static final int CLIENT_ARCH = 93;
    public static final int CLIENT_NDI = 94;
    public static final int CLIENT_UUID = 97;
    public static final int IPXE_ENCAPSULATED = 175;

    public DhcpOption {
        if (code < 1 || code > 254)
            throw new IllegalArgumentException("DHCP option code must be 1..254 (0 is pad, 255 is end), not " + code);
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int length() {
        return data.length;
    }

    public static DhcpOption u8(int code, int value) {
        return new DhcpOption(code, new byte[] {(byte) value});
    }

    public static DhcpOption u16(int code, int value) {
        return new DhcpOption(code, new byte[] {(byte) (value >>> 8), (byte) value});
    }

    public static DhcpOption u32(int code, long value) {
        return new DhcpOption(code, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    public static DhcpOption ip(int code, Ipv4... addresses) {
        return ips(code, List.of(addresses));
    }

    public static DhcpOption ips(int code, List<Ipv4> addresses) {
        byte[] out = new byte[4 * addresses.size()];
        for (int i = 0; i < addresses.size(); i++) System.arraycopy(addresses.get(i).toBytes(), 0, out, 4 * i, 4);
        return new DhcpOption(code, out);
    }

    /** Text options carry no NUL terminator (RFC 2132 §2). */
    public static DhcpOption text(int code, String value) {
        return new DhcpOption(code, value.getBytes(StandardCharsets.UTF_8));
    }

    public OptionalInt asU8() {
        return data.length == 1 ? OptionalInt.of(data[0] & 0xff) : OptionalInt.empty();
    }

    public OptionalInt asU16() {
        return data.length == 2 ? OptionalInt.of(((data[0] & 0xff) << 8) | (data[1] & 0xff)) : OptionalInt.empty();
    }

    public OptionalLong asU32() {
        return data.length == 4 ? OptionalLong.of(Ipv4.of(data, 0).unsigned()) : OptionalLong.empty();
    }

    public Optional<Ipv4> asIp() {
        return data.length == 4 ? Optional.of(Ipv4.of(data, 0)) : Optional.empty();
    }

    /** Empty when the length is not a non-zero multiple of 4. */
    public List<Ipv4> asIps() {
        if (data.length == 0 || data.length % 4 != 0) return List.of();
        List<Ipv4> out = new ArrayList<>(data.length / 4);
        for (int i = 0; i < data.length; i += 4) out.add(Ipv4.of(data, i));
        return List.copyOf(out);
    }

    /** Empty when the length is odd or zero. */
    public List<Integer> asU16s() {
        if (data.length == 0 || data.length % 2 != 0) return List.of();
        List<Integer> out = new ArrayList<>(data.length / 2);
        for (int i = 0; i < data.length; i += 2) out.add(((data[i] & 0xff) << 8) | (data[i + 1] & 0xff));
        return List.copyOf(out);
    }

    public List<Integer> asU8s() {
        List<Integer> out = new ArrayList<>(data.length);
        for (byte b : data) out.add(b & 0xff);
        return List.copyOf(out);
    }

    /** UTF-8, malformed sequences replaced; trailing NULs dropped since some clients send them anyway. */
    public String asText() {
        int end = data.length;
        while (end > 0 && data[end - 1] == 0) end--;
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DhcpOption o && o.code == code && Arrays.equals(o.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "DhcpOption[" + code + "=" + HexFormat.of().formatHex(data) + "]";
    }
}
