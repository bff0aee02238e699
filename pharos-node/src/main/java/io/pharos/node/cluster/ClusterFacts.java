package io.pharos.node.cluster;

import io.pharos.core.model.ClusterSettings;
import io.pharos.core.model.Member;
import io.pharos.node.raft.GroupConfiguration;
import io.pharos.node.raft.RaftNode;
import java.util.List;
import java.util.Optional;

/** Answers any node gives from its own copy of the state and the Raft configuration. */
final class ClusterFacts {
    private ClusterFacts() {}

    static ClusterWire.Info info(RaftNode raft) {
        ClusterSettings cluster = raft.state().cluster();
        GroupConfiguration conf = raft.configuration();
        List<Member> members = List.copyOf(raft.state().members());
        return new ClusterWire.Info(cluster.clusterId(), raft.groupName(), Compatibility.VERSION,
                Compatibility.COMMAND_FORMAT, Compatibility.SNAPSHOT_FORMAT, raft.leaderId().orElse(null),
                raft.commitIndex(), conf.voters(), conf.listeners(), vip(cluster), members);
    }

    static ClusterWire.Id id(RaftNode raft) {
        return new ClusterWire.Id(raft.state().cluster().clusterId(), raft.groupName());
    }

    static ClusterWire.Leader leader(RaftNode raft) {
        Optional<String> leader = raft.leaderId();
        return new ClusterWire.Leader(leader.orElse(null),
                leader.flatMap(id -> raft.configuration().address(id)).orElse(null),
                leader.flatMap(id -> raft.state().member(id)).map(Member::httpAddress).orElse(null), raft.nodeId());
    }

    /** "10.0.0.10/24", or null without a VIP. */
    static String vip(ClusterSettings cluster) {
        return cluster.vip() == null ? null : cluster.vip() + "/" + cluster.vipPrefix();
    }
}
