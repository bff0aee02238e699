package io.pharos.node.raft;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * How this node takes part in the Raft group. Node-local (flags, env, config file); the group's members are
 * listed in {@code peers}, which for a single node holds only itself.
 *
 * @param nodeId     this node's id, a key of {@code peers}
 * @param dataDir    the node's data directory; the Raft log and snapshots live under {@code dataDir/raft}
 * @param peers      every member's id to its raft address (host:port), this node included
 * @param clusterId  names the group; the Raft group id is derived from it, so nodes of different clusters
 *                   never mix logs
 * @param listeners  the ids among {@code peers} that are listeners (observers: replicate, never vote or lead);
 *                   the others vote. A node joining as an observer names itself here (RATIS-NOTES pitfall 4).
 *                   On a restart Ratis takes the membership from its storage, not from these settings.
 */
public record RaftSettings(String nodeId, Path dataDir, Map<String, String> peers, String clusterId,
                           Timing timing, Compaction compaction, Set<String> listeners) {
    public static final String DEFAULT_CLUSTER_ID = "pharos";

    /**
     * Timeouts, measured on this kind of machine (RATIS-NOTES): 150–300 ms election timeouts were too tight
     * under CPU starvation and the default 10 s step-down wait left a group leaderless for 11.8 s once.
     *
     * @param clientRequestTimeout one attempt of a client request
     * @param commitTimeout        how long a submitted command may wait for its commit, retries included,
     *                             before its future fails and the caller answers "try again"
     */
    public record Timing(Duration rpcTimeoutMin, Duration rpcTimeoutMax, Duration firstElectionTimeoutMin,
                         Duration firstElectionTimeoutMax, Duration stepDownWait, Duration clientRequestTimeout,
                         Duration commitTimeout) {
        public static final Timing DEFAULT = new Timing(Duration.ofMillis(300), Duration.ofMillis(600),
                Duration.ofMillis(150), Duration.ofMillis(400), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(3));
    }

    /**
     * When to snapshot and drop old log, and how much log to keep in memory.
     *
     * @param snapshotThreshold committed entries since the last snapshot that trigger a new one. A snapshot
     *                          writes the whole state on the apply thread, stalling replies meanwhile (60k
     *                          leases: tens of ms), so under DHCP load it must be rare. Replay after a crash is
     *                          cheap: 300k lease commands (600 entries) replayed in 0.7 s here; 100k busy
     *                          entries of ~35 commands would take some seconds
     * @param purgeGap          purge the log only when at least this many entries can go
     * @param segmentSizeMax    bytes per log segment file; only whole closed segments are purged
     */
    public record Compaction(long snapshotThreshold, int purgeGap, long segmentSizeMax, int segmentCacheNumMax,
                             long segmentCacheSizeMax, int snapshotsRetained) {
        public static final Compaction DEFAULT = new Compaction(100_000, 1024, 8L << 20, 4, 64L << 20, 2);
    }

    public RaftSettings {
        peers = Collections.unmodifiableMap(new TreeMap<>(peers));
        listeners = Collections.unmodifiableSet(new TreeSet<>(listeners == null ? Set.of() : listeners));
        List<String> errors = problems(nodeId, dataDir, peers, clusterId, timing, compaction);
        for (String listener : listeners)
            if (!peers.containsKey(listener))
                errors.add("listener '" + listener + "' is not one of the peers " + peers.keySet());
        if (!errors.isEmpty()) throw new IllegalArgumentException("raft settings: " + String.join("; ", errors));
    }

    /** Every member a voter, as before listeners existed. */
    public RaftSettings(String nodeId, Path dataDir, Map<String, String> peers, String clusterId, Timing timing,
                        Compaction compaction) {
        this(nodeId, dataDir, peers, clusterId, timing, compaction, Set.of());
    }

    /** A one-member group: the embedded default. */
    public static RaftSettings singleNode(String nodeId, Path dataDir, String raftAddress) {
        return new RaftSettings(nodeId, dataDir, Map.of(nodeId, raftAddress), DEFAULT_CLUSTER_ID,
                Timing.DEFAULT, Compaction.DEFAULT);
    }

    public static RaftSettings cluster(String nodeId, Path dataDir, Map<String, String> peers) {
        return new RaftSettings(nodeId, dataDir, peers, DEFAULT_CLUSTER_ID, Timing.DEFAULT, Compaction.DEFAULT);
    }

    public RaftSettings withCompaction(Compaction next) {
        return new RaftSettings(nodeId, dataDir, peers, clusterId, timing, next, listeners);
    }

    public RaftSettings withTiming(Timing next) {
        return new RaftSettings(nodeId, dataDir, peers, clusterId, next, compaction, listeners);
    }

    public RaftSettings withClusterId(String next) {
        return new RaftSettings(nodeId, dataDir, peers, next, timing, compaction, listeners);
    }

    /** The same settings with these peers as listeners (observers); the rest of the peers vote. */
    public RaftSettings withListeners(Set<String> next) {
        return new RaftSettings(nodeId, dataDir, peers, clusterId, timing, compaction, next);
    }

    /** True when this node takes part as a listener (observer). */
    public boolean isListener() {
        return listeners.contains(nodeId);
    }

    /** This node's raft address (host:port). */
    public String address() {
        return peers.get(nodeId);
    }

    public Path storageDir() {
        return dataDir.resolve("raft");
    }

    /** The same cluster id gives the same group id on every node, with no coordination. */
    public UUID groupId() {
        return UUID.nameUUIDFromBytes(("pharos-raft-group:" + clusterId).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> problems(String nodeId, Path dataDir, Map<String, String> peers, String clusterId,
                                         Timing timing, Compaction compaction) {
        List<String> errors = new ArrayList<>();
        if (nodeId == null || !nodeId.matches("[A-Za-z0-9_.-]{1,64}"))
            errors.add("node id '" + nodeId + "' must be 1-64 letters, digits, '.', '_' or '-' (set --node-id)");
        if (dataDir == null) errors.add("no data directory (set --data-dir)");
        if (clusterId == null || clusterId.isBlank()) errors.add("cluster id must not be empty");
        if (nodeId != null && !peers.containsKey(nodeId))
            errors.add("the peers " + peers.keySet() + " do not include this node '" + nodeId
                    + "': list every member, this one included");
        peers.forEach((id, address) -> {
            if (!isHostPort(address))
                errors.add("raft address '" + address + "' of peer '" + id + "' is not host:port (e.g. 127.0.0.1:9870)");
        });
        if (timing == null || compaction == null) {
            errors.add("timing and compaction settings are required (use Timing.DEFAULT, Compaction.DEFAULT)");
            return errors;
        }
        if (timing.rpcTimeoutMin().compareTo(timing.rpcTimeoutMax()) >= 0)
            errors.add("rpc timeout min " + timing.rpcTimeoutMin() + " must be below max " + timing.rpcTimeoutMax());
        if (timing.firstElectionTimeoutMin().compareTo(timing.firstElectionTimeoutMax()) >= 0)
            errors.add("first election timeout min must be below max");
        if (timing.commitTimeout().compareTo(timing.clientRequestTimeout()) < 0)
            errors.add("commit timeout " + timing.commitTimeout() + " must be at least the client request timeout "
                    + timing.clientRequestTimeout());
        if (compaction.snapshotThreshold() < 1) errors.add("snapshot threshold must be at least 1 entry");
        if (compaction.segmentSizeMax() < 1024) errors.add("log segment size must be at least 1 KiB");
        if (compaction.snapshotsRetained() < 1) errors.add("keep at least one snapshot");
        return errors;
    }

    static boolean isHostPort(String address) {
        if (address == null) return false;
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) return false;
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            return port > 0 && port < 65536;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String host(String address) {
        return address.substring(0, address.lastIndexOf(':'));
    }

    static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
