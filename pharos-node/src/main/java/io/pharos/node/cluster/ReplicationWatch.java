package io.pharos.node.cluster;

import io.pharos.node.raft.PeerProgress;
import io.pharos.node.raft.RaftNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the leader, samples each member's replication and logs when one switches between streaming and
 * catching up (CLUSTER_PEER_STREAMING / CLUSTER_PEER_CATCHING_UP). Forgets everything when this node stops
 * leading: another leader's view starts afresh.
 */
public final class ReplicationWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationWatch.class);
    /** Twice the longest election timeout (600 ms): a healthy member answers heartbeats far more often. */
    static final long SILENT_MILLIS = 1_200;

    private final RaftNode raft;
    private final Map<String, ReplicationPhase> phases = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    ReplicationWatch(RaftNode raft) {
        this.raft = raft;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("pharos-replication-watch").daemon().factory());
    }

    /** Samples every period until closed. */
    public static ReplicationWatch start(RaftNode raft, Duration period) {
        ReplicationWatch watch = new ReplicationWatch(raft);
        watch.timer.scheduleWithFixedDelay(watch::sampleSafely, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** The member's phase as last sampled; empty on a non-leader or before the first sample. */
    public Optional<ReplicationPhase> phase(String id) {
        return Optional.ofNullable(phases.get(id));
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.warn("CLUSTER_WATCH_FAILED {}; replication phases are not updated until it recovers", e.toString());
        }
    }

    void sample() {
        List<PeerProgress> progress = raft.peerProgress();
        if (progress.isEmpty()) {
            phases.clear();
            return;
        }
        Set<String> seen = new HashSet<>();
        for (PeerProgress p : progress) {
            seen.add(p.id());
            ReplicationPhase before = phases.get(p.id());
            ReplicationPhase after = ReplicationPhase.next(before, p, SILENT_MILLIS);
            if (after == before) continue;
            phases.put(p.id(), after);
            log(p, before, after);
        }
        phases.keySet().retainAll(seen);
    }

    private static void log(PeerProgress p, ReplicationPhase before, ReplicationPhase after) {
        String kind = p.listener() ? "observer" : "voter";
        if (after == ReplicationPhase.STREAMING)
            LOG.info("CLUSTER_PEER_STREAMING id={} {} match={} commit={} lag={}", p.id(), kind, p.matchIndex(),
                    p.commitIndex(), p.lag());
        else if (before == ReplicationPhase.STREAMING)
            LOG.warn("CLUSTER_PEER_CATCHING_UP id={} {} match={} commit={} lag={} lastResponse={}ms: it fell behind; "
                    + "if it does not stream again soon, check its disk, CPU and network (`pharos cluster peers`)",
                    p.id(), kind, p.matchIndex(), p.commitIndex(), p.lag(), p.lastResponseMillis());
        else
            LOG.info("CLUSTER_PEER_CATCHING_UP id={} {} match={} commit={} lag={} lastResponse={}ms", p.id(), kind,
                    p.matchIndex(), p.commitIndex(), p.lag(), p.lastResponseMillis());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
