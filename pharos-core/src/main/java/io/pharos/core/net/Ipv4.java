package io.pharos.core.net;

/** An IPv4 address as an unsigned 32-bit value held in an int; ordering is numeric. */
public record Ipv4(int bits) implements Comparable<Ipv4> {
    public static final Ipv4 ANY = new Ipv4(0);
    public static final Ipv4 BROADCAST = new Ipv4(-1);

    /** Parses dotted-quad text; throws IllegalArgumentException naming the bad text. */
    public static Ipv4 parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        int bits = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit))
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            int octet = Integer.parseInt(part);
            if (octet > 255) throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            bits = (bits << 8) | octet;
        }
        return new Ipv4(bits);
    }

    public static Ipv4 of(byte[] bytes, int offset) {
        return new Ipv4(((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff));
    }

    public byte[] toBytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    public long unsigned() {
        return bits & 0xffffffffL;
    }

    public Ipv4 plus(long delta) {
        return new Ipv4((int) (unsigned() + delta));
    }

    public boolean isAny() {
        return bits == 0;
    }

    @Override
    public int compareTo(Ipv4 other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }
}
