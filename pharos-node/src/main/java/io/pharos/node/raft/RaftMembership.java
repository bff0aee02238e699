package io.pharos.node.raft;

import io.pharos.node.raft.MembershipException.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.ReconfigurationInProgressException;
import org.apache.ratis.protocol.exceptions.SetConfigurationException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership changes and leadership transfer, made on the leader through a short-lived admin client. One
 * change at a time on this node; across nodes, compare-and-set against the configuration read first keeps
 * two changes from overwriting each other.
 */
final class RaftMembership {
    private static final Logger LOG = LoggerFactory.getLogger(RaftMembership.class);
    /** The sender list can change between the reads that make up one progress report; retry this often. */
    private static final int CONSISTENT_READ_ATTEMPTS = 5;

    private final RaftSettings settings;
    private final RaftGroupId groupId;
    private final Supplier<Optional<RaftServer.Division>> division;

    RaftMembership(RaftSettings settings, RaftGroupId groupId, Supplier<Optional<RaftServer.Division>> division) {
        this.settings = settings;
        this.groupId = groupId;
        this.division = division;
    }

    GroupConfiguration configuration() {
        RaftConfiguration conf = running().getRaftConf();
        boolean changing = !conf.getPreviousPeers(RaftPeerRole.FOLLOWER).isEmpty()
                || !conf.getPreviousPeers(RaftPeerRole.LISTENER).isEmpty();
        return new GroupConfiguration(addresses(conf.getCurrentPeers(RaftPeerRole.FOLLOWER)),
                addresses(conf.getCurrentPeers(RaftPeerRole.LISTENER)), conf.getLogEntryIndex(), changing);
    }

    /** Adds id as a voter or a listener, or moves it between the two; done when the group committed it. */
    synchronized void add(String id, String address, boolean listener, Duration timeout) {
        GroupConfiguration now = leaderConfiguration();
        now.address(id).filter(a -> !a.equals(address)).ifPresent(a -> {
            throw new MembershipException(Reason.CONFLICT, "node id '" + id + "' is already a member at " + a
                    + ": give the new node another --node-id, or remove '" + id + "' first");
        });
        now.all().forEach((other, a) -> {
            if (!other.equals(id) && a.equals(address))
                throw new MembershipException(Reason.CONFLICT, "raft address " + address + " belongs to member '" + other
                        + "': give the new node its own --raft-address, or remove '" + other + "' first");
        });
        Map<String, String> voters = new TreeMap<>(now.voters());
        Map<String, String> listeners = new TreeMap<>(now.listeners());
        voters.remove(id);
        listeners.remove(id);
        (listener ? listeners : voters).put(id, address);
        change(now, voters, listeners, timeout);
        LOG.info("CLUSTER_MEMBER_ADDED id={} address={} as={}", id, address, listener ? "observer" : "voter");
    }

    synchronized void remove(String id, Duration timeout) {
        GroupConfiguration now = leaderConfiguration();
        if (!now.contains(id))
            throw new MembershipException(Reason.NOT_FOUND, "'" + id + "' is not a member; members are "
                    + now.all().keySet());
        if (id.equals(settings.nodeId()))
            throw new MembershipException(Reason.CONFLICT, "'" + id + "' is the leader: transfer leadership to another "
                    + "voter first (`pharos cluster transfer`), then remove it");
        Map<String, String> voters = new TreeMap<>(now.voters());
        Map<String, String> listeners = new TreeMap<>(now.listeners());
        voters.remove(id);
        listeners.remove(id);
        change(now, voters, listeners, timeout);
        LOG.info("CLUSTER_MEMBER_REMOVED id={}", id);
    }

    /** Hands leadership to target, or (null) to the voter holding the most log; answers who got it. */
    String transfer(String target, Duration timeout) {
        GroupConfiguration now = leaderConfiguration();
        String to = target != null ? target : mostCaughtUpVoter().orElseThrow(() -> new MembershipException(
                Reason.CONFLICT, "there is no other voter to hand leadership to; add one first (`pharos serve --join`)"));
        if (to.equals(settings.nodeId())) return to;
        if (!now.isVoter(to))
            throw new MembershipException(now.isListener(to) ? Reason.CONFLICT : Reason.NOT_FOUND, "'" + to + "' is "
                    + (now.isListener(to) ? "an observer, which never leads" : "not a member") + "; voters are "
                    + now.voters().keySet());
        try (RaftClient admin = adminClient(now, Duration.ofSeconds(1))) {
            check(admin.admin().transferLeadership(RaftPeerId.valueOf(to), timeout.toMillis()), "transfer leadership to " + to);
        } catch (IOException e) {
            throw explain(e, "transfer leadership to " + to);
        }
        LOG.info("CLUSTER_LEADERSHIP_TRANSFERRED from={} to={}", settings.nodeId(), to);
        return to;
    }

    /** Replication to every other member, on the leader; empty elsewhere. */
    List<PeerProgress> progress() {
        Optional<RaftServer.Division> d = division.get();
        if (d.isEmpty() || !d.get().getInfo().isLeader()) return List.of();
        DivisionInfo info = d.get().getInfo();
        RaftConfiguration conf = d.get().getRaftConf();
        for (int attempt = 0; attempt < CONSISTENT_READ_ATTEMPTS; attempt++) {
            RoleInfoProto before = info.getRoleInfoProto();
            long[] match = info.getFollowerMatchIndices();
            long[] next = info.getFollowerNextIndices();
            RoleInfoProto after = info.getRoleInfoProto();
            long commit = d.get().getRaftLog().getLastCommittedIndex();
            if (match == null || next == null || !after.hasLeaderInfo()) return List.of();
            List<ServerRpcProto> followers = after.getLeaderInfo().getFollowerInfoList();
            // The three reads walk the same sender list in the same order; equal ids before and after mean
            // no peer came or went in between, so the arrays line up with the ids.
            if (!ids(before).equals(ids(after)) || followers.size() != match.length || match.length != next.length)
                continue;
            List<PeerProgress> out = new ArrayList<>(followers.size());
            for (int i = 0; i < followers.size(); i++) {
                ServerRpcProto f = followers.get(i);
                String id = f.getId().getId().toStringUtf8();
                boolean listener = conf.getPeer(RaftPeerId.valueOf(id), RaftPeerRole.LISTENER) != null;
                out.add(new PeerProgress(id, f.getId().getAddress(), listener, match[i], next[i],
                        f.getLastRpcElapsedTimeMs(), commit));
            }
            out.sort(Comparator.comparing(PeerProgress::id));
            return out;
        }
        return List.of();
    }

    private Optional<String> mostCaughtUpVoter() {
        GroupConfiguration now = configuration();
        long recent = 2 * settings.timing().rpcTimeoutMax().toMillis();
        return progress().stream()
                .filter(p -> now.isVoter(p.id()))
                .sorted(Comparator.comparing((PeerProgress p) -> p.lastResponseMillis() > recent)
                        .thenComparing(PeerProgress::matchIndex, Comparator.reverseOrder())
                        .thenComparing(PeerProgress::lastResponseMillis))
                .map(PeerProgress::id)
                .findFirst();
    }

    private void change(GroupConfiguration now, Map<String, String> voters, Map<String, String> listeners,
                        Duration timeout) {
        SetConfigurationRequest.Arguments arguments = SetConfigurationRequest.Arguments.newBuilder()
                .setServersInNewConf(peers(voters, RaftPeerRole.FOLLOWER))
                .setListenersInNewConf(peers(listeners, RaftPeerRole.LISTENER))
                .setServersInCurrentConf(peers(now.voters(), RaftPeerRole.FOLLOWER))
                .setListenersInCurrentConf(peers(now.listeners(), RaftPeerRole.LISTENER))
                .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
                .build();
        // The leader answers once the new configuration is committed, after a new member caught up.
        try (RaftClient admin = adminClient(now, timeout)) {
            check(admin.admin().setConfiguration(arguments), "change the membership to voters " + voters.keySet()
                    + ", observers " + listeners.keySet());
        } catch (IOException e) {
            throw explain(e, "change the membership");
        }
    }

    private GroupConfiguration leaderConfiguration() {
        RaftServer.Division d = running();
        if (!d.getInfo().isLeader()) {
            RaftPeerId leader = d.getInfo().getLeaderId();
            throw new MembershipException(Reason.NOT_LEADER, "this node (" + settings.nodeId() + ") is not the leader"
                    + (leader == null ? " and knows no leader; retry once the group has elected one"
                    : "; the leader is " + leader + ": send the request there"));
        }
        GroupConfiguration now = configuration();
        if (now.changing())
            throw new MembershipException(Reason.CONFLICT, "a membership change is under way; retry in a few seconds");
        return now;
    }

    private RaftServer.Division running() {
        return division.get().orElseThrow(() -> new MembershipException(Reason.FAILED,
                "the Raft server of " + settings.nodeId() + " is not running"));
    }

    /** Talks to this node only (the leader); one attempt: callers retry with fresh state. */
    private RaftClient adminClient(GroupConfiguration now, Duration timeout) {
        RaftProperties properties = RatisProperties.client(settings);
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, RatisProperties.duration(timeout));
        Map<String, String> all = new TreeMap<>(now.all());
        all.put(settings.nodeId(), settings.address());
        return RaftClient.newBuilder()
                .setRaftGroup(RaftGroup.valueOf(groupId, peers(all, RaftPeerRole.FOLLOWER)))
                .setLeaderId(RaftPeerId.valueOf(settings.nodeId()))
                .setProperties(properties)
                .setRetryPolicy(RetryPolicies.noRetry())
                .build();
    }

    private static void check(RaftClientReply reply, String what) throws IOException {
        if (!reply.isSuccess()) throw reply.getException() != null ? reply.getException()
                : new IOException("the leader did not " + what);
    }

    private MembershipException explain(IOException e, String what) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof NotLeaderException)) cause = cause.getCause();
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (cause instanceof NotLeaderException || e instanceof NotLeaderException)
            return new MembershipException(Reason.NOT_LEADER, "could not " + what + ": this node stopped leading; "
                    + "send the request to the new leader", e);
        if (e instanceof ReconfigurationInProgressException)
            return new MembershipException(Reason.CONFLICT, "could not " + what + ": another membership change is "
                    + "under way; retry in a few seconds", e);
        if (e instanceof SetConfigurationException)
            return new MembershipException(Reason.CONFLICT, "could not " + what + ": " + why, e);
        return new MembershipException(Reason.FAILED, "could not " + what + " (" + why + "): check that the new "
                + "member runs and reaches the leader, and that a majority of voters is up; then retry", e);
    }

    private static List<String> ids(RoleInfoProto role) {
        if (!role.hasLeaderInfo()) return List.of();
        return role.getLeaderInfo().getFollowerInfoList().stream().map(f -> f.getId().getId().toStringUtf8()).toList();
    }

    private static Map<String, String> addresses(Collection<RaftPeer> peers) {
        Map<String, String> out = new TreeMap<>();
        for (RaftPeer p : peers) out.put(p.getId().toString(), p.getAddress());
        return out;
    }

    static List<RaftPeer> peers(Map<String, String> addresses, RaftPeerRole role) {
        List<RaftPeer> out = new ArrayList<>();
        addresses.forEach((id, address) -> out.add(RaftPeer.newBuilder().setId(id).setAddress(address)
                .setStartupRole(role).build()));
        return out;
    }
}
