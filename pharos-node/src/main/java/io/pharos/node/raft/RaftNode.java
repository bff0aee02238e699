package io.pharos.node.raft;

import io.pharos.core.command.CommandLog;
import io.pharos.core.state.State;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of the Pharos Raft group: the Ratis server holding the log, the {@link State} it applies to, and
 * the batching {@link CommandLog} through which services propose changes. The rest of Pharos sees only this
 * class, {@link RaftSettings} and {@link RaftRole}; nothing else imports Ratis.
 */
public final class RaftNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(30);

    private final RaftSettings settings;
    private final State state;
    private final RoleEvents roles;
    private final PharosStateMachine stateMachine;
    private final RaftServer server;
    private final RaftGroupId groupId;
    private final RaftClient client;
    private final BatchingCommandLog commandLog;
    private final RaftMembership membership;
    private final RaftLeadership leadership;
    private final LeaderConfirmations confirmations;
    private final LeaderCrashWatch crashWatch;

    private RaftNode(RaftSettings settings, State state, RoleEvents roles, PharosStateMachine stateMachine,
                     RaftServer server, RaftGroupId groupId, RaftClient client) {
        this.settings = settings;
        this.state = state;
        this.roles = roles;
        this.stateMachine = stateMachine;
        this.server = server;
        this.groupId = groupId;
        this.client = client;
        RaftPeerId self = RaftPeerId.valueOf(settings.nodeId());
        this.confirmations = new LeaderConfirmations(server, self, groupId);
        RaftSubmitter submitter = new RaftSubmitter(client, server, this::isLeaderReady, self,
                groupId, stateMachine.appliedIndex(), settings.timing().commitTimeout(), confirmations);
        this.commandLog = new BatchingCommandLog(settings.nodeId(), submitter::send, this::batchLimits);
        this.membership = new RaftMembership(settings, groupId, this::division);
        this.leadership = new RaftLeadership(settings, groupId, server, this::division, confirmations);
        this.crashWatch = LeaderCrashWatch.start(server, this::division);
    }

    /**
     * Starts the Raft server on the settings' address and storage, replaying snapshot and log into a new
     * State. Returns once the server runs; leadership comes later (see {@link #awaitLeader}).
     *
     * @throws RaftStartException with a message for the operator (port in use, storage unusable or of another
     *                            cluster, damaged log)
     */
    public static RaftNode start(RaftSettings settings) {
        RatisProcessGuard.install();
        StartProblems.checkStorage(settings);
        StartProblems.checkPort(settings);
        RaftGroupId groupId = RaftGroupId.valueOf(settings.groupId());
        List<RaftPeer> peers = settings.peers().entrySet().stream()
                .map(p -> RaftPeer.newBuilder().setId(p.getKey()).setAddress(p.getValue())
                        .setStartupRole(settings.listeners().contains(p.getKey()) ? RaftPeerRole.LISTENER
                                : RaftPeerRole.FOLLOWER).build()).toList();
        RaftGroup group = RaftGroup.valueOf(groupId, peers);
        State state = new State();
        RoleEvents roles = new RoleEvents(settings.nodeId());
        PharosStateMachine stateMachine = new PharosStateMachine(state, roles);
        // FORMAT refuses existing storage and RECOVER is what a restart needs (RATIS-NOTES pitfall 2).
        RaftStorage.StartupOption option = StartProblems.storageExists(settings)
                ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT;
        RaftServer server = null;
        try {
            server = RaftServer.newBuilder()
                    .setServerId(RaftPeerId.valueOf(settings.nodeId()))
                    .setGroup(group)
                    .setStateMachine(stateMachine)
                    .setProperties(RatisProperties.server(settings))
                    .setOption(option)
                    .build();
            server.start();
            RaftClient client = RaftClient.newBuilder()
                    .setRaftGroup(group)
                    .setLeaderId(RaftPeerId.valueOf(settings.nodeId()))
                    .setProperties(RatisProperties.client(settings))
                    .setRetryPolicy(RatisProperties.retryPolicy(settings))
                    .build();
            LOG.info("RAFT_STARTED node={} address={} peers={} group={} storage={} ({})", settings.nodeId(),
                    settings.address(), settings.peers().keySet(), groupId.getUuid(), settings.storageDir(),
                    option == RaftStorage.StartupOption.RECOVER ? "recovered" : "new");
            return new RaftNode(settings, state, roles, stateMachine, server, groupId, client);
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            roles.close();
            throw e instanceof RaftStartException r ? r : StartProblems.explain(settings, e);
        }
    }

    /** The replicated state as applied on this node; read it from any thread. */
    public State state() {
        return state;
    }

    /** Commands and log entries this node has sent (GET /stats "log"). */
    public BatchingCommandLog.Stats logStats() {
        return commandLog.stats();
    }

    /** How this node proved its leadership for the HA lease (GET /stats "leadership"). */
    public LeaderConfirmations.Stats leadershipStats() {
        return confirmations.stats();
    }

    /** Where services propose changes; see {@link BatchingCommandLog} for threading. */
    public CommandLog commandLog() {
        return commandLog;
    }

    public String nodeId() {
        return settings.nodeId();
    }

    /** True while this node leads and has committed an entry of its term: the only time it may serve. */
    public boolean isLeaderReady() {
        return info().map(DivisionInfo::isLeaderReady).orElse(false);
    }

    /** The role now, read from Ratis (unlike the events, this also sees a follower that lost its leader). */
    public RaftRole role() {
        Optional<DivisionInfo> info = info();
        if (info.isEmpty() || !info.get().isAlive()) return RaftRole.STOPPED;
        DivisionInfo i = info.get();
        if (i.isLeader()) return i.isLeaderReady() ? RaftRole.LEADER_READY : RaftRole.LEADER_ELECTED;
        return i.getLeaderId() != null && !i.isCandidate() ? RaftRole.FOLLOWER : RaftRole.NO_LEADER;
    }

    public Optional<String> leaderId() {
        return info().map(DivisionInfo::getLeaderId).map(RaftPeerId::toString);
    }

    /**
     * Listens to role changes, on a thread of their own in the order they happened; the listener first
     * hears the current role. Ratis reports no event when a follower loses its leader: poll {@link #role()}.
     */
    public void onRoleChange(Consumer<RaftRole> listener) {
        roles.add(listener);
    }

    /** Index of the last log entry applied to {@link #state()}. */
    public long appliedIndex() {
        return stateMachine.appliedIndex().get();
    }

    public long commitIndex() {
        return division().map(d -> d.getRaftLog().getLastCommittedIndex()).orElse(-1L);
    }

    /** Waits (bounded) until this node is leader-ready; throws if it is not by then. */
    public void awaitLeader(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isLeaderReady()) {
            if (System.nanoTime() - deadline > 0)
                throw new IllegalStateException("RAFT_NOT_LEADER node " + settings.nodeId() + " is not leader-ready after "
                        + timeout + " (role " + role() + ", leader " + leaderId().orElse("unknown") + "): in a cluster, "
                        + "check that a majority of " + settings.peers() + " run and reach each other");
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for leadership", e);
            }
        }
    }

    /** Writes a snapshot of the applied state now (Ratis then purges the log up to it); returns its index. */
    public long takeSnapshot() {
        try {
            RaftClientReply reply = client.getSnapshotManagementApi(RaftPeerId.valueOf(settings.nodeId()))
                    .create(1, SNAPSHOT_TIMEOUT.toMillis());
            if (!reply.isSuccess())
                throw new IllegalStateException("RAFT_SNAPSHOT_FAILED " + reply.getException() + ": see the server log");
            return reply.getLogIndex();
        } catch (IOException e) {
            throw new IllegalStateException("RAFT_SNAPSHOT_FAILED " + e.getMessage() + ": see the server log", e);
        }
    }

    // --- membership (io.pharos.node.cluster drives these; see RaftMembership) ---

    /** The group's voters and listeners as this node knows them (read from Ratis, so current after a restart). */
    public GroupConfiguration configuration() {
        return membership.configuration();
    }

    /**
     * On the leader: adds a member as a voter, or as a listener (observer) when {@code observer}; an existing
     * member changes role. Returns once the new configuration is committed, which Ratis does only after the
     * new member caught up. The new member's Raft server must already run (see {@link RaftSettings#listeners}).
     *
     * @throws MembershipException not the leader, id or address taken, a change under way, or not done in time
     */
    public void addPeer(String id, String raftAddress, boolean observer, Duration timeout) {
        membership.add(id, raftAddress, observer, timeout);
    }

    /** On the leader: removes a member (not the leader itself: transfer first). */
    public void removePeer(String id, Duration timeout) {
        membership.remove(id, timeout);
    }

    /**
     * On the leader: hands leadership to {@code to}, or when null to the voter holding the most log; returns
     * the new leader's id once it leads.
     */
    public String transferLeadership(String to, Duration timeout) {
        return membership.transfer(to, timeout);
    }

    /** On the leader, replication to every other member (match/next index, last answer, lag); else empty. */
    public List<PeerProgress> peerProgress() {
        return membership.progress();
    }

    /** The cluster id the Raft group id derives from ({@link RaftSettings#clusterId}); joiners must use it too. */
    public String groupName() {
        return settings.clusterId();
    }

    /** This node's raft address (host:port). */
    public String raftAddress() {
        return settings.address();
    }

    // --- leadership for the HA role controller (io.pharos.node.ha; see RaftLeadership) ---

    /**
     * Completes normally only if a majority acknowledged this node as leader after the call (a fresh round trip,
     * the basis of the HA lease), proven by an entry committed through this node's own server, never redirected:
     * the next command entry while commands stream, else a no-op; fails otherwise.
     */
    public java.util.concurrent.CompletableFuture<Void> confirmLeadership() {
        return leadership.confirm();
    }

    /** On a follower: asks the leader to hand leadership to this node (a switchover); returns once done. */
    public void requestLeadership(Duration timeout) throws IOException {
        leadership.request(timeout);
    }

    /** Elections this node started at once because its leader's port refused connections (LeaderCrashWatch). */
    long electionsAfterLeaderCrash() {
        return crashWatch.electionsStarted();
    }

    /** Batching for the group's current shape: a node with others to replicate to gathers larger entries. */
    private BatchingCommandLog.Limits batchLimits() {
        boolean alone = division().map(d -> d.getRaftConf().getAllPeers(RaftPeerRole.FOLLOWER).size()
                + d.getRaftConf().getAllPeers(RaftPeerRole.LISTENER).size() <= 1).orElse(true);
        return alone ? BatchingCommandLog.Limits.DEFAULT : BatchingCommandLog.Limits.REPLICATED;
    }

    private Optional<RaftServer.Division> division() {
        try {
            return Optional.of(server.getDivision(groupId));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<DivisionInfo> info() {
        return division().map(RaftServer.Division::getInfo);
    }

    @Override
    public void close() {
        crashWatch.close();
        commandLog.close();
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("RAFT_CLIENT_CLOSE_FAILED node={}: {}", settings.nodeId(), e.toString());
        }
        closeQuietly(server);
        roles.close();
        LOG.info("RAFT_STOPPED node={} applied={}", settings.nodeId(), appliedIndex());
    }

    private static void closeQuietly(RaftServer server) {
        if (server == null) return;
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("RAFT_SERVER_CLOSE_FAILED {}: {}", server.getId(), e.toString());
        }
    }
}
