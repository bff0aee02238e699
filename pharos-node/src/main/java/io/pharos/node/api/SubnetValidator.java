package io.pharos.node.api;

import io.pharos.core.model.Subnet;
import io.pharos.core.net.Cidr;
import io.pharos.core.net.IpRange;
import io.pharos.core.state.State;
import java.util.List;

/** The checks a subnet passes before it is proposed; apply re-checks only the overlap (cheaply). */
final class SubnetValidator {
    static final long MIN_LEASE_SECONDS = 60;
    /** Option 51 is an unsigned 32-bit count of seconds (RFC 2132 §9.2); all ones means "infinite". */
    static final long MAX_LEASE_SECONDS = 0xffff_ffffL;

    private SubnetValidator() {}

    /** 422 listing every problem of the subnet itself. */
    static void validate(Subnet subnet) {
        Problems problems = new Problems();
        Names.check(problems, "name", subnet.name());
        if (subnet.leaseSeconds() < MIN_LEASE_SECONDS)
            problems.add("leaseSeconds", subnet.leaseSeconds() + " is too short; use at least " + MIN_LEASE_SECONDS
                    + " (seconds), normally 3600 or more");
        else if (subnet.leaseSeconds() > MAX_LEASE_SECONDS)
            problems.add("leaseSeconds", subnet.leaseSeconds() + " does not fit DHCP option 51; use at most " + MAX_LEASE_SECONDS);
        if (subnet.cidr() == null) problems.add("cidr", "is required, e.g. \"10.0.0.0/24\"");
        else checkRanges(problems, subnet.cidr(), subnet.ranges());
        DhcpOptionsCheck.check(problems, "options", subnet.options());
        problems.throwIfAny(422);
    }

    private static void checkRanges(Problems problems, Cidr cidr, List<IpRange> ranges) {
        // /31 and /32 have no network or broadcast address to avoid (RFC 3021).
        boolean hasEnds = cidr.prefix() <= 30;
        for (int i = 0; i < ranges.size(); i++) {
            IpRange range = ranges.get(i);
            String field = "ranges[" + i + "]";
            if (!cidr.contains(range.first()) || !cidr.contains(range.last())) {
                problems.add(field, range + " is not inside " + cidr + "; use addresses from " + cidr.network().plus(1)
                        + " to " + cidr.broadcast().plus(-1));
                continue;
            }
            if (hasEnds && range.contains(cidr.network()))
                problems.add(field, range + " includes the network address " + cidr.network() + "; start at "
                        + cidr.network().plus(1) + " or later");
            if (hasEnds && range.contains(cidr.broadcast()))
                problems.add(field, range + " includes the broadcast address " + cidr.broadcast() + "; end at "
                        + cidr.broadcast().plus(-1) + " or earlier");
            for (int j = 0; j < i; j++) {
                IpRange other = ranges.get(j);
                if (range.first().compareTo(other.last()) <= 0 && other.first().compareTo(range.last()) <= 0)
                    problems.add(field, range + " overlaps ranges[" + j + "] (" + other + "); merge them or make them disjoint");
            }
        }
    }

    /** 409 when the subnet's network overlaps another subnet (apply refuses the same, but after a log entry). */
    static void checkNoOverlap(Subnet subnet, State state) {
        for (Subnet other : state.subnets())
            if (!other.name().equals(subnet.name()) && other.cidr().overlaps(subnet.cidr()))
                throw ApiException.conflict("cidr: " + subnet.cidr() + " overlaps subnet '" + other.name() + "' ("
                        + other.cidr() + "); choose a network that does not overlap, or change '" + other.name() + "'");
    }
}
