package io.pharos.core.net;

/** An inclusive range of IPv4 addresses from first to last. */
public record IpRange(Ipv4 first, Ipv4 last) {
    public IpRange {
        if (first.compareTo(last) > 0)
            throw new IllegalArgumentException("range " + first + "-" + last + " ends before it starts");
    }

    /** Parses "10.0.0.100-10.0.0.200". */
    public static IpRange parse(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) throw new IllegalArgumentException("not a range: '" + text + "' (expected first-last, e.g. 10.0.0.100-10.0.0.200)");
        return new IpRange(Ipv4.parse(text.substring(0, dash)), Ipv4.parse(text.substring(dash + 1)));
    }

    public boolean contains(Ipv4 address) {
        return first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
    }

    public long size() {
        return last.unsigned() - first.unsigned() + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
