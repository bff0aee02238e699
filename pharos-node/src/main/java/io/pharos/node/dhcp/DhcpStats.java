package io.pharos.node.dhcp;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DHCP server's counters since this process started, for GET /api/v1/stats.
 *
 * @param received       decoded requests by message type ("discover", "request", ...; "none" without option 53)
 * @param offers         OFFERs sent
 * @param acks           ACKs sent after their lease committed, and ACKs to INFORM
 * @param naks           NAKs sent: by decision, or because apply refused the binding
 * @param informs        INFORMs answered
 * @param releases       RELEASEs committed
 * @param declines       DECLINEs committed (addresses quarantined)
 * @param ignored        requests given no answer, by reason ("no-subnet", "pool-exhausted", "other-server", ...)
 * @param malformed      datagrams that did not decode, dropped
 * @param commitFailures commits that failed or timed out (not leader, no quorum); no reply was sent
 * @param sendFailures   replies the socket would not take
 * @param overloaded     requests dropped because too many commits were in flight
 * @param pendingOffers  addresses currently held for an offer or an in-flight commit
 */
public record DhcpStats(Map<String, Long> received, long offers, long acks, long naks, long informs, long releases,
                        long declines, Map<String, Long> ignored, long malformed, long commitFailures,
                        long sendFailures, long overloaded, int pendingOffers) {
    public DhcpStats {
        received = Collections.unmodifiableMap(new TreeMap<>(received));
        ignored = Collections.unmodifiableMap(new TreeMap<>(ignored));
    }
}
