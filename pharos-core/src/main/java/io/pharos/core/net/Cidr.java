package io.pharos.core.net;

/** An IPv4 network in CIDR form; the network address has no host bits set. */
public record Cidr(Ipv4 network, int prefix) {
    public Cidr {
        if (prefix < 0 || prefix > 32) throw new IllegalArgumentException("prefix length must be 0..32, not " + prefix);
        if ((network.bits() & ~mask(prefix)) != 0)
            throw new IllegalArgumentException(network + "/" + prefix + " has host bits set; did you mean "
                    + new Ipv4(network.bits() & mask(prefix)) + "/" + prefix + "?");
    }

    /** Parses "10.0.0.0/24"; the message names what to fix. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("not CIDR: '" + text + "' (expected e.g. 10.0.0.0/24)");
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not CIDR: '" + text + "' (prefix must be a number 0..32)");
        }
        return new Cidr(Ipv4.parse(text.substring(0, slash)), prefix);
    }

    /** The network of the given prefix length that holds an address (10.0.3.7, 16 → 10.0.0.0/16). */
    public static Cidr containing(Ipv4 address, int prefix) {
        if (prefix < 0 || prefix > 32) throw new IllegalArgumentException("prefix length must be 0..32, not " + prefix);
        return new Cidr(new Ipv4(address.bits() & mask(prefix)), prefix);
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public Ipv4 netmask() {
        return new Ipv4(mask(prefix));
    }

    public Ipv4 broadcast() {
        return new Ipv4(network.bits() | ~mask(prefix));
    }

    public boolean contains(Ipv4 address) {
        return (address.bits() & mask(prefix)) == network.bits();
    }

    public boolean overlaps(Cidr other) {
        int shorter = Math.min(prefix, other.prefix);
        return (network.bits() & mask(shorter)) == (other.network.bits() & mask(shorter));
    }

    @Override
    public String toString() {
        return network + "/" + prefix;
    }
}
