package io.pharos.node.cluster;

import io.pharos.node.StartupException;
import io.pharos.node.config.NodeSettings;
import io.pharos.node.raft.GroupConfiguration;
import io.pharos.node.raft.RaftNode;
import io.pharos.node.raft.RaftSettings;
import io.pharos.node.raft.RaftStartException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts this node's Raft server the way its data directory and flags call for, before any service runs:
 * <ul>
 *   <li>no {@code --join}: the node's own group (a single node, or a member that joined before), recovered
 *       from DATA/raft;</li>
 *   <li>{@code --join} with the token this node already keeps: it joined before, so the same;</li>
 *   <li>{@code --join} otherwise: ask the active for the group, refuse an incompatible release, refuse to
 *       discard local data without {@code --force} (and move it aside with it), start as a member of the group,
 *       have the leader add it, then wait until it caught up.</li>
 * </ul>
 * Returns once this node can serve reads: a single node leads; a member knows its leader (or says it waits).
 */
public final class ClusterJoin {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterJoin.class);

    /** What this node is and what it was asked to join. */
    public record Plan(String nodeId, Path dataDir, String raftAddress, String httpAddress, String joinUrl,
                       String clusterToken, boolean observer, boolean force) {
        public static Plan from(NodeSettings settings) {
            var self = SelfMember.of(settings, settings.httpAddress().getPort(), Compatibility.VERSION);
            return new Plan(settings.nodeId(), settings.dataDir(), self.raftAddress(), self.httpAddress(),
                    settings.cluster().join(), settings.cluster().clusterToken(), settings.cluster().observer(),
                    settings.cluster().force());
        }
    }

    /** How long each step may take. */
    record Waits(Duration reachActive, Duration join, Duration catchUp, Duration singleLeader, Duration memberLeader) {
        static final Waits DEFAULT = new Waits(Duration.ofSeconds(60), ClusterApi.CHANGE_TIMEOUT.plusSeconds(30),
                Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(15));
    }

    private final Plan plan;
    private final PrintStream out;
    private final Clock clock;
    private final Waits waits;
    private final PeerClient client = new PeerClient(Duration.ofSeconds(5));

    ClusterJoin(Plan plan, PrintStream out, Clock clock, Waits waits) {
        this.plan = plan;
        this.out = out;
        this.clock = clock;
        this.waits = waits;
    }

    /** Starts the node's Raft server (see the class comment); the caller closes the node. */
    public static RaftNode start(NodeSettings settings, PrintStream out, Clock clock) throws StartupException {
        return new ClusterJoin(Plan.from(settings), out, clock, Waits.DEFAULT).start();
    }

    RaftNode start() throws StartupException {
        if (plan.joinUrl() == null || plan.joinUrl().isBlank()) return startLocal();
        if (!plan.force() && Optional.of(plan.clusterToken()).equals(readToken()) && LocalData.hasRaftEntries(plan.dataDir())) {
            checkStillMember();
            out.println("  cluster: this node joined before (DATA/cluster/token matches --cluster-token): starting as a "
                    + "member; --join is not needed any more");
            return startLocal();
        }
        return join();
    }

    /**
     * A node removed while it was down still finds itself in its stored configuration and would wait for a
     * leader forever; the cluster knows better. Unreachable is no reason to stop: the whole cluster may be
     * restarting, and this node may be needed for a majority.
     */
    private void checkStillMember() throws StartupException {
        try {
            ClusterWire.Info info = client.get(plan.joinUrl(), "/info", ClusterAuth.authorization(plan.clusterToken()),
                    ClusterWire.Info.class, Duration.ofSeconds(3));
            if (!info.voters().containsKey(plan.nodeId()) && !info.observers().containsKey(plan.nodeId()))
                throw new StartupException("this node ('" + plan.nodeId() + "') is no longer a member of cluster '"
                        + info.clusterId() + "' (voters " + info.voters().keySet() + ", observers "
                        + info.observers().keySet() + "): it was removed. To join again, start it with --force (its "
                        + "data is moved aside, not deleted)");
        } catch (PeerClient.PeerException e) {
            LOG.info("CLUSTER_MEMBERSHIP_UNCHECKED node={}: {}; starting from the stored configuration", plan.nodeId(),
                    e.getMessage());
        }
    }

    private RaftNode startLocal() throws StartupException {
        String group = ClusterFiles.readRaftGroup(plan.dataDir()).orElse(RaftSettings.DEFAULT_CLUSTER_ID);
        RaftNode raft = startRaft(RaftSettings.singleNode(plan.nodeId(), plan.dataDir(), plan.raftAddress())
                .withClusterId(group));
        try {
            awaitLeader(raft);
            return raft;
        } catch (StartupException | RuntimeException e) {
            raft.close();
            throw e;
        }
    }

    private void awaitLeader(RaftNode raft) throws StartupException {
        GroupConfiguration conf = raft.configuration();
        if (!conf.contains(plan.nodeId()))
            throw new StartupException("this node ('" + plan.nodeId() + "') was removed from its cluster (the group is now "
                    + conf.all().keySet() + "): to join again, start it with --join URL --cluster-token TOKEN --force; "
                    + "to run it alone, move " + plan.dataDir() + " away first");
        if (conf.all().size() == 1) {
            try {
                raft.awaitLeader(waits.singleLeader());
            } catch (IllegalStateException e) {
                throw new StartupException(e.getMessage(), e);
            }
            return;
        }
        long deadline = System.nanoTime() + waits.memberLeader().toNanos();
        while (raft.leaderId().isEmpty() && System.nanoTime() - deadline < 0) pause(50);
        String members = "voters " + conf.voters().keySet() + (conf.listeners().isEmpty() ? ""
                : ", observers " + conf.listeners().keySet());
        if (raft.leaderId().isPresent()) {
            out.println("  cluster: member of a group of " + members + "; leader " + raft.leaderId().get());
        } else {
            out.println("  cluster: member of a group of " + members + "; no leader yet (a majority of voters must be up "
                    + "and reach each other); this node keeps trying");
            LOG.warn("CLUSTER_NO_LEADER_AT_START node={} {}: start the other voters, or check the network between them",
                    plan.nodeId(), members);
        }
    }

    private RaftNode join() throws StartupException {
        out.println("  cluster: joining through " + plan.joinUrl() + " as " + (plan.observer() ? "an observer" : "a voter"));
        ClusterWire.Info info = fetchInfo();
        Optional<String> problem = Compatibility.joinProblem(Compatibility.Release.CURRENT, info.release(), "this node");
        if (problem.isPresent()) throw new StartupException(problem.get());
        if (info.clusterId() == null || info.clusterId().isEmpty())
            throw new StartupException("the node at " + plan.joinUrl() + " is not in an initialised cluster: run `pharos "
                    + "cluster init --vip ADDRESS/PREFIX` there first, then join with the token it prints");
        Map<String, String> peers = new TreeMap<>(info.voters());
        peers.putAll(info.observers());
        String taken = peers.get(plan.nodeId());
        if (taken != null && !taken.equals(plan.raftAddress()))
            throw new StartupException("node id '" + plan.nodeId() + "' is already a member of cluster '" + info.clusterId()
                    + "' at " + taken + ": start this node with another --node-id, or remove '" + plan.nodeId()
                    + "' first (`pharos cluster remove " + plan.nodeId() + "`)");
        clearLocalData();
        if (plan.force())
            out.println("  cluster: --force: joining afresh; take --force out of this node's service definition once it "
                    + "has joined, or every restart will join afresh again");
        peers.put(plan.nodeId(), plan.raftAddress());
        Set<String> listeners = new TreeSet<>(info.observers().keySet());
        if (plan.observer()) listeners.add(plan.nodeId());
        else listeners.remove(plan.nodeId());
        RaftNode raft = startRaft(new RaftSettings(plan.nodeId(), plan.dataDir(), peers, info.raftGroup(),
                RaftSettings.Timing.DEFAULT, RaftSettings.Compaction.DEFAULT, listeners));
        try {
            ClusterWire.JoinReply reply = client.post(plan.joinUrl(), "/members", ClusterAuth.authorization(plan.clusterToken()),
                    new ClusterWire.JoinRequest(plan.nodeId(), plan.raftAddress(), plan.httpAddress(), plan.observer(),
                            Compatibility.VERSION, Compatibility.COMMAND_FORMAT, Compatibility.SNAPSHOT_FORMAT, true),
                    ClusterWire.JoinReply.class, waits.join());
            ClusterFiles.writeToken(plan.dataDir(), plan.clusterToken());
            ClusterFiles.writeRaftGroup(plan.dataDir(), info.raftGroup());
            LOG.info("CLUSTER_JOINED cluster={} node={} as={} voters={} observers={}", info.clusterId(), plan.nodeId(),
                    plan.observer() ? "observer" : "voter", reply.cluster().voters().keySet(), reply.cluster().observers().keySet());
            out.println("  cluster: joined '" + info.clusterId() + "': voters " + reply.cluster().voters().keySet()
                    + ", observers " + reply.cluster().observers().keySet());
            catchUp(raft, reply.commitIndex());
            return raft;
        } catch (PeerClient.PeerException e) {
            raft.close();
            throw new StartupException("the cluster did not add this node: " + e.getMessage(), e);
        } catch (IOException e) {
            raft.close();
            throw new StartupException("this node joined but cannot keep the cluster token in "
                    + ClusterFiles.directory(plan.dataDir()) + " (" + e.getMessage() + "): fix the data directory's "
                    + "permissions and free space, then start it again with the same flags", e);
        } catch (StartupException | RuntimeException e) {
            raft.close();
            throw e;
        }
    }

    private ClusterWire.Info fetchInfo() throws StartupException {
        long deadline = System.nanoTime() + waits.reachActive().toNanos();
        boolean said = false;
        while (true) {
            try {
                return client.get(plan.joinUrl(), "/info", ClusterAuth.authorization(plan.clusterToken()),
                        ClusterWire.Info.class, Duration.ofSeconds(5));
            } catch (PeerClient.PeerException e) {
                if (e.status() != 0 || System.nanoTime() - deadline > 0)
                    throw new StartupException("cannot join through " + plan.joinUrl() + ": " + e.getMessage()
                            + (e.status() == 0 ? "; check the URL and that the node there runs" : ""), e);
                if (!said) out.println("  cluster: waiting for " + plan.joinUrl() + " (" + e.getMessage() + ")");
                said = true;
                pause(1_000);
            }
        }
    }

    /** An empty or stale DATA/raft would be taken for this node's log; move it aside (never delete). */
    private void clearLocalData() throws StartupException {
        Path raftDir = LocalData.raftDirectory(plan.dataDir());
        if (!Files.exists(raftDir)) return;
        boolean entries;
        try {
            entries = LocalData.hasRaftEntries(plan.dataDir());
        } catch (UncheckedIOException e) {
            throw new StartupException(e.getMessage(), e);
        }
        if (entries && !plan.force())
            throw new StartupException("this node's data directory " + plan.dataDir() + " already holds a Raft log "
                    + "(it ran before, alone or in another cluster); joining would discard it. If that data is not "
                    + "needed, start again with --force: it is moved aside to " + raftDir + ".discarded-TIME, not "
                    + "deleted. Otherwise use another --data-dir for this node");
        try {
            Path aside = LocalData.moveAside(plan.dataDir(), clock);
            if (entries) {
                out.println("  cluster: --force: moved this node's previous data " + raftDir + " aside to " + aside
                        + "; delete it once you are sure it is not needed");
                LOG.warn("CLUSTER_DATA_MOVED_ASIDE from={} to={}: this node's previous Raft log was set aside to join; "
                        + "delete it once it is not needed", raftDir, aside);
            }
        } catch (IOException e) {
            throw new StartupException("cannot move " + raftDir + " aside (" + e.getMessage() + "): check the data "
                    + "directory's permissions, or move it away yourself", e);
        }
    }

    private void catchUp(RaftNode raft, long target) throws StartupException {
        long deadline = System.nanoTime() + waits.catchUp().toNanos();
        long nextReport = System.nanoTime() + 1_000_000_000L;
        while (raft.appliedIndex() < target) {
            if (System.nanoTime() - deadline > 0)
                throw new StartupException("this node joined but did not catch up within " + waits.catchUp() + " (applied "
                        + raft.appliedIndex() + " of " + target + " log entries): check the network to the leader and "
                        + "this node's disk, then start it again (without --force: it resumes where it got)");
            if (System.nanoTime() - nextReport > 0) {
                out.println("  cluster: catching up: applied " + Math.max(0, raft.appliedIndex()) + " of " + target
                        + " log entries");
                nextReport += 1_000_000_000L;
            }
            pause(20);
        }
        out.println("  cluster: caught up at log index " + raft.appliedIndex());
    }

    private Optional<String> readToken() throws StartupException {
        try {
            return ClusterFiles.readToken(plan.dataDir());
        } catch (UncheckedIOException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private static RaftNode startRaft(RaftSettings settings) throws StartupException {
        try {
            return RaftNode.start(settings);
        } catch (RaftStartException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private static void pause(long millis) throws StartupException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting");
        }
    }
}
