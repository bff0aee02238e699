package io.pharos.core.net;

import java.util.Locale;

/** A 48-bit Ethernet hardware address, printed as lower-case colon-separated hex. */
public record Mac(long bits) implements Comparable<Mac> {
    public Mac {
        if ((bits & ~0xffff_ffff_ffffL) != 0) throw new IllegalArgumentException("a MAC address has 48 bits");
    }

    /** Accepts aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff or aabbccddeeff (any case). */
    public static Mac parse(String text) {
        String hex = text.trim().replace(":", "").replace("-", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 12 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0))
            throw new IllegalArgumentException("not a MAC address: '" + text + "' (expected aa:bb:cc:dd:ee:ff)");
        return new Mac(Long.parseLong(hex, 16));
    }

    public static Mac of(byte[] bytes, int offset) {
        long bits = 0;
        for (int i = 0; i < 6; i++) bits = (bits << 8) | (bytes[offset + i] & 0xff);
        return new Mac(bits);
    }

    public byte[] toBytes() {
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) out[i] = (byte) (bits >>> (40 - 8 * i));
        return out;
    }

    @Override
    public int compareTo(Mac other) {
        return Long.compare(bits, other.bits);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) out.append(':');
            int octet = (int) (bits >>> (40 - 8 * i)) & 0xff;
            out.append(Character.forDigit(octet >> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
        }
        return out.toString();
    }
}
