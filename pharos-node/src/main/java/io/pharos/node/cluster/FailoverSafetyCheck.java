package io.pharos.node.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Failover-safe: at least one voter other than the active could take over without losing anything — it
 * holds the whole committed log (match index = commit index) and every blob the state refers to
 * (ARCHITECTURE invariant 5), and it answered recently, so the match index is not a memory of a dead node.
 */
final class FailoverSafetyCheck {
    private FailoverSafetyCheck() {}

    /**
     * @param peers        every member as the leader sees it (the leader itself is skipped)
     * @param recentMillis a member silent for longer does not count
     */
    static ClusterWire.Safety evaluate(String leader, long commitIndex, List<ClusterWire.Peer> peers, long recentMillis) {
        List<String> candidates = new ArrayList<>();
        Map<String, String> reasons = new TreeMap<>();
        for (ClusterWire.Peer p : peers) {
            if (p.id().equals(leader) || !p.kind().equals("voter")) continue;
            String why = whyNot(p, commitIndex, recentMillis);
            if (why == null) candidates.add(p.id());
            else reasons.put(p.id(), why);
        }
        if (candidates.isEmpty() && reasons.isEmpty())
            reasons.put(leader == null ? "?" : leader, "no voter besides the active: add one with "
                    + "`pharos serve --join URL --cluster-token TOKEN` on another machine");
        return new ClusterWire.Safety(!candidates.isEmpty(), leader, commitIndex, List.copyOf(candidates), reasons);
    }

    private static String whyNot(ClusterWire.Peer p, long commitIndex, long recentMillis) {
        if (p.lastContactMillis() < 0)
            return "has not answered the leader yet: check that it runs and reaches the leader";
        if (p.lastContactMillis() > recentMillis)
            return "has not answered the leader for " + p.lastContactMillis() + " ms: check that it runs and reaches the leader";
        if (p.matchIndex() < commitIndex)
            return "is " + (commitIndex - p.matchIndex()) + " log entries behind (" + p.replication() + ")";
        if (p.local() == null)
            return "did not report its files (" + p.problem() + ")";
        if (p.local().missingBlobs() < 0)
            return "cannot tell whether it holds every file (its blob inventory is not reported)";
        if (p.local().missingBlobs() > 0)
            return "is missing " + p.local().missingBlobs() + " file blob(s); it fetches them from the others";
        return null;
    }
}
