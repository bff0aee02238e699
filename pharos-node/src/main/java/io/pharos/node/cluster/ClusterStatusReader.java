package io.pharos.node.cluster;

import io.pharos.core.model.Member;
import io.pharos.node.raft.GroupConfiguration;
import io.pharos.node.raft.PeerProgress;
import io.pharos.node.raft.RaftNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The leader's picture of the cluster: each member's replication from Raft, and what each member says about
 * itself (GET /local over HTTP, all asked at once, each bounded by a timeout).
 */
final class ClusterStatusReader {
    private final RaftNode raft;
    private final LocalReport local;
    private final ReplicationWatch watch;
    private final PeerClient client;
    private final ClusterContext context;
    private final BooleanSupplier active;
    private final Duration peerTimeout;

    ClusterStatusReader(ClusterContext context, LocalReport local, ReplicationWatch watch, PeerClient client,
                        Duration peerTimeout) {
        this.raft = context.raft();
        this.context = context;
        this.local = local;
        this.watch = watch;
        this.client = client;
        this.active = context.active();
        this.peerTimeout = peerTimeout;
    }

    ClusterWire.Status status() {
        List<ClusterWire.Peer> peers = peers();
        var cluster = raft.state().cluster();
        return new ClusterWire.Status(cluster.clusterId(), ClusterFacts.vip(cluster), raft.nodeId(),
                active.getAsBoolean() ? raft.nodeId() : null, raft.commitIndex(), peers, safety(peers));
    }

    ClusterWire.Safety safety() {
        return safety(peers());
    }

    private ClusterWire.Safety safety(List<ClusterWire.Peer> peers) {
        return FailoverSafetyCheck.evaluate(raft.nodeId(), peers.getFirst().matchIndex(), peers, ReplicationWatch.SILENT_MILLIS);
    }

    ClusterWire.Active active() {
        if (!active.getAsBoolean()) return new ClusterWire.Active(null, null, ClusterFacts.vip(raft.state().cluster()));
        return new ClusterWire.Active(raft.nodeId(), context.self().httpAddress(), ClusterFacts.vip(raft.state().cluster()));
    }

    /** The leader first, then the others by id. */
    List<ClusterWire.Peer> peers() {
        GroupConfiguration conf = raft.configuration();
        Map<String, PeerProgress> progress = raft.peerProgress().stream()
                .collect(Collectors.toMap(PeerProgress::id, Function.identity()));
        long commit = raft.commitIndex();
        if (progress.isEmpty() && conf.all().size() > 1 && !raft.isLeaderReady())
            throw new ClusterProblem(503, "this node stopped leading while answering; retry");
        String self = raft.nodeId();
        Map<String, Future<Object>> answers = new LinkedHashMap<>();
        List<ClusterWire.Peer> out = new ArrayList<>();
        try (ExecutorService ask = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : conf.all().keySet())
                if (!id.equals(self)) answers.put(id, ask.submit(() -> askLocal(id)));
            out.add(new ClusterWire.Peer(self, kind(conf, self), conf.address(self).orElse(raft.raftAddress()),
                    context.self().httpAddress(), Compatibility.VERSION, commit, commit + 1, 0, "leader", 0,
                    local.now(), null));
            for (Map.Entry<String, Future<Object>> e : answers.entrySet())
                out.add(peer(conf, e.getKey(), progress.get(e.getKey()), commit, get(e.getValue())));
        }
        return out;
    }

    private ClusterWire.Peer peer(GroupConfiguration conf, String id, PeerProgress p, long commit, Object answer) {
        Optional<Member> member = raft.state().member(id);
        String replication = p == null ? ReplicationPhase.CATCHING_UP.label()
                : watch.phase(id).orElseGet(() -> ReplicationPhase.next(null, p, ReplicationWatch.SILENT_MILLIS)).label();
        return new ClusterWire.Peer(id, kind(conf, id), conf.address(id).orElse(null),
                member.map(Member::httpAddress).orElse(null), member.map(Member::version).orElse(null),
                p == null ? -1 : p.matchIndex(), p == null ? -1 : p.nextIndex(), p == null ? commit : p.lag(),
                replication, p == null ? -1 : p.lastResponseMillis(),
                answer instanceof ClusterWire.Local l ? l : null, answer instanceof String problem ? problem : null);
    }

    /** The member's Local, or a String saying why there is none. */
    private Object askLocal(String id) {
        Optional<String> http = raft.state().member(id).map(Member::httpAddress);
        if (http.isEmpty()) return "its HTTP address is unknown: it has no member record (was it added by hand?)";
        Optional<String> authorization = ClusterAuth.localAuthorization(context.dataDir());
        if (authorization.isEmpty()) return "this node keeps no cluster token (DATA/cluster/token) to ask it with";
        try {
            return client.get(http.get(), "/local", authorization.get(), ClusterWire.Local.class, peerTimeout);
        } catch (PeerClient.PeerException e) {
            return e.getMessage();
        }
    }

    private static Object get(Future<Object> answer) {
        try {
            return answer.get();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String kind(GroupConfiguration conf, String id) {
        return conf.isListener(id) ? "observer" : "voter";
    }

    /** Everything, for a bug report. */
    Map<String, Object> dump() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("info", ClusterFacts.info(raft));
        out.put("configuration", raft.configuration());
        out.put("progress", raft.peerProgress());
        out.put("status", status());
        out.put("role", raft.role().label());
        out.put("appliedIndex", raft.appliedIndex());
        return out;
    }
}
