package io.pharos.node.raft;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;

/**
 * What the HA role controller (io.pharos.node.ha) needs from Raft beyond roles: a fresh proof of leadership
 * for its lease, and a switchover request from a follower to the leader.
 */
final class RaftLeadership {
    private final RaftSettings settings;
    private final RaftGroupId groupId;
    private final RaftServer server;
    private final Supplier<Optional<RaftServer.Division>> division;
    private final LeaderConfirmations confirmations;

    RaftLeadership(RaftSettings settings, RaftGroupId groupId, RaftServer server,
                   Supplier<Optional<RaftServer.Division>> division, LeaderConfirmations confirmations) {
        this.settings = settings;
        this.groupId = groupId;
        this.server = server;
        this.division = division;
        this.confirmations = confirmations;
    }

    /**
     * Completes normally only if this node led while a majority acknowledged an append sent after the call, so
     * each of them heard from this leader at or after the call (a fresh round trip), proven by an entry committed
     * through this node's own server, never redirected ({@link LeaderConfirmations}). Ratis's ReadIndex is no
     * substitute: in 3.2.2 it answers from its own lease, or from an earlier acknowledgement of the same commit
     * index, without a new round (LeaderStateImpl.getReadIndex, ReadIndexHeartbeats.addAppendEntriesListener).
     */
    CompletableFuture<Void> confirm() {
        if (soleVoterLeading()) return CompletableFuture.completedFuture(null);
        return confirmations.confirm();
    }

    /**
     * A leader that is the only voter of a stable configuration cannot be deposed by an election (no one else
     * votes), so its lease needs no round trip: a lone node does not write 20 no-op entries a second. A
     * configuration change is itself a log entry of this leader, so the next round sees the new voters.
     */
    private boolean soleVoterLeading() {
        return division.get().map(d -> {
            RaftConfiguration conf = d.getRaftConf();
            Collection<RaftPeer> voters = conf.getAllPeers(RaftPeerRole.FOLLOWER);
            boolean stable = conf.getPreviousPeers().isEmpty();
            return d.getInfo().isLeaderReady() && stable && voters.size() == 1
                    && voters.iterator().next().getId().equals(server.getId());
        }).orElse(false);
    }

    /**
     * Asks the current leader to hand leadership to this node; returns once this node leads (or throws). One
     * attempt against the leader this node knows.
     */
    void request(Duration timeout) throws IOException {
        RaftServer.Division d = division.get().orElseThrow(() -> new IOException("the Raft server is not running"));
        RaftPeerId self = server.getId();
        RaftPeerId leader = d.getInfo().getLeaderId();
        if (leader == null) throw new IOException("no leader is known to this node");
        if (leader.equals(self)) return;
        RaftConfiguration conf = d.getRaftConf();
        if (conf.getPeer(self, RaftPeerRole.FOLLOWER) == null)
            throw new IOException(self + " is not a voter (an observer never leads)");
        Map<String, String> peers = new TreeMap<>();
        for (RaftPeerRole role : List.of(RaftPeerRole.FOLLOWER, RaftPeerRole.LISTENER))
            for (RaftPeer p : conf.getCurrentPeers(role)) peers.put(p.getId().toString(), p.getAddress());
        RaftProperties properties = RatisProperties.client(settings);
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, RatisProperties.duration(timeout));
        try (RaftClient admin = RaftClient.newBuilder()
                .setRaftGroup(RaftGroup.valueOf(groupId, peers.entrySet().stream().map(e -> RaftPeer.newBuilder()
                        .setId(e.getKey()).setAddress(e.getValue()).build()).toList()))
                .setLeaderId(leader)
                .setProperties(properties)
                .setRetryPolicy(RetryPolicies.noRetry())
                .build()) {
            requireSuccess(admin.admin().transferLeadership(self, timeout.toMillis()));
        }
    }

    private static void requireSuccess(RaftClientReply reply) {
        if (!reply.isSuccess())
            throw new CompletionException(reply.getException() != null ? reply.getException()
                    : new IOException("not committed"));
    }
}
