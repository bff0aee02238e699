package io.pharos.node.api;

import io.pharos.core.model.Subnet;
import io.pharos.core.net.Cidr;
import io.pharos.core.net.IpRange;
import io.pharos.core.state.State;
import io.pharos.node.ha.HaTiming;
import io.pharos.node.raft.RaftSettings;
import java.time.Duration;
import java.util.List;

/** The checks a subnet passes before it is proposed; apply re-checks only the overlap (cheaply). */
final class SubnetValidator {
    static final long MIN_LEASE_SECONDS = 60;
    /** Option 51 is an unsigned 32-bit count of seconds (RFC 2132 §9.2); all ones means "infinite". */
    static final long MAX_LEASE_SECONDS = 0xffff_ffffL;
    /** RFC 2131 §4.4.5: an unanswered renewing or rebinding client waits at least 60 s before it asks again. */
    static final Duration CLIENT_RETRANSMIT = Duration.ofSeconds(60);
    /** Back-to-back failovers (a flapping cluster) a client's last rebind attempt must ride out. */
    static final int FAILOVERS_SURVIVED = 3;
    static final long SAFE_LEASE_SECONDS = safeLeaseSeconds(HaTiming.DEFAULT, RaftSettings.Timing.DEFAULT);

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

    /**
     * The worst-case time without an active node: the longest election timeout, the new leader's wait for
     * the old lease to end (takeover wait), and its own first lease confirmation (at most one lease) before
     * it may serve.
     */
    static Duration failoverWindow(HaTiming ha, RaftSettings.Timing raft) {
        return raft.rpcTimeoutMax().plus(ha.takeoverWait()).plus(ha.leaseDuration());
    }

    /**
     * The shortest lease a client keeps through failovers. After T2 (87.5 % of the lease, RFC 2131 §4.4.5) the
     * client broadcasts to any server, and only that last eighth of the lease is left to it; if its broadcast
     * falls into a failover, it asks again no sooner than {@link #CLIENT_RETRANSMIT} later. So the eighth must
     * hold one retransmission plus {@link #FAILOVERS_SURVIVED} worst-case failovers: 8 × (60 s + 3 × window),
     * 509 s at the default timing. A multiple of the window alone (10 × 1.2 s) stays under the 60 s floor and
     * would never warn, though a 5-minute lease leaves the rebinding client a single attempt.
     */
    static long safeLeaseSeconds(HaTiming ha, RaftSettings.Timing raft) {
        Duration lastEighth = CLIENT_RETRANSMIT.plus(failoverWindow(ha, raft).multipliedBy(FAILOVERS_SURVIVED));
        long millis = lastEighth.multipliedBy(8).toMillis();
        return (millis + 999) / 1000;
    }

    /** Accepted but risky choices, each saying what would be safe; empty when none. */
    static List<String> warnings(Subnet subnet) {
        if (subnet.leaseSeconds() >= SAFE_LEASE_SECONDS) return List.of();
        Duration window = failoverWindow(HaTiming.DEFAULT, RaftSettings.Timing.DEFAULT);
        return List.of("lease time " + subnet.leaseSeconds() + " s is shorter than a client needs to survive failovers:"
                + " after T2 it has the last eighth of the lease to rebind, which must hold a " + CLIENT_RETRANSMIT.toSeconds()
                + " s retransmission (RFC 2131 §4.4.5) and " + FAILOVERS_SURVIVED + " worst-case failovers of "
                + window.toMillis() + " ms; use at least " + SAFE_LEASE_SECONDS + " s");
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
