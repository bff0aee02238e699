package io.pharos.node.cluster;

import io.pharos.core.model.Member;
import java.util.List;
import java.util.Map;

/**
 * The JSON of /api/v1/cluster (through PharosJson: fields in alphabetical order, nulls left out). Nodes of
 * the same major.minor release talk to each other with these; unknown fields are ignored when read.
 */
public final class ClusterWire {
    private ClusterWire() {}

    /**
     * GET /info: what a joining node needs to know.
     *
     * @param clusterId   the cluster's name ({@code pharos cluster init --cluster-id}); empty before init
     * @param raftGroup   the name the Raft group id derives from; a joiner must start its server with it
     * @param vip         "10.0.0.10/24", or null without a VIP
     * @param voters      id to raft address of every voter
     * @param observers   id to raft address of every observer (a Raft listener)
     */
    public record Info(String clusterId, String raftGroup, String version, int commandFormat, int snapshotFormat,
                       String leader, long commitIndex, Map<String, String> voters, Map<String, String> observers,
                       String vip, List<Member> members) {
        Compatibility.Release release() {
            return new Compatibility.Release(version, commandFormat, snapshotFormat);
        }
    }

    /**
     * POST /members: a node asking to be added.
     *
     * @param fresh its Raft storage is empty: if its id is still in the group (it lost its data), the leader
     *              removes it before adding it again, since a voter that forgot what it acknowledged must not
     *              count towards a majority as if it remembered
     */
    public record JoinRequest(String id, String raftAddress, String httpAddress, boolean observer, String version,
                              int commandFormat, int snapshotFormat, boolean fresh) {
        Compatibility.Release release() {
            return new Compatibility.Release(version, commandFormat, snapshotFormat);
        }

        Member member() {
            return new Member(id, raftAddress, httpAddress, observer, version);
        }
    }

    /** The answer to a join: the group as it is with the new member, and the index to catch up to. */
    public record JoinReply(Member member, long commitIndex, Info cluster) {}

    /** GET /local: one node about itself. */
    public record Local(String id, String role, boolean observer, boolean active, long appliedIndex, long commitIndex,
                        long missingBlobs, String version) {}

    /**
     * One member as the leader sees it.
     *
     * @param kind         "voter" or "observer"
     * @param replication  "leader" for the leader itself, else "streaming" or "catching-up"
     * @param lastContactMillis milliseconds since the member last answered the leader (-1: never)
     * @param local        what the member said about itself, or null when it did not answer
     * @param problem      why the member did not answer GET /local (null when it did)
     */
    public record Peer(String id, String kind, String raftAddress, String httpAddress, String version, long matchIndex,
                       long nextIndex, long lag, String replication, long lastContactMillis, Local local, String problem) {}

    /**
     * GET /failover-safe.
     *
     * @param candidates voters other than the active that hold the whole log and every blob
     * @param reasons    for each other voter that is not a candidate, why not
     */
    public record Safety(boolean safe, String leader, long commitIndex, List<String> candidates,
                         Map<String, String> reasons) {}

    /** GET /status. */
    public record Status(String clusterId, String vip, String leader, String active, long commitIndex,
                         List<Peer> members, Safety failoverSafe) {}

    /** GET /leader (answered by any node from its own view). */
    public record Leader(String leader, String raftAddress, String httpAddress, String answeredBy) {}

    /** GET /active (answered by the leader). */
    public record Active(String active, String httpAddress, String vip) {}

    /** GET /id. */
    public record Id(String clusterId, String raftGroup) {}

    /** POST /init; force may be left out (false). */
    public record InitRequest(String vip, String clusterId, Boolean force) {
        boolean forced() {
            return Boolean.TRUE.equals(force);
        }
    }

    /** @param join the command line that joins another node, with this token */
    public record InitReply(String clusterId, String vip, String token, String join) {}

    /** POST /transfer; to null: the voter holding the most log. */
    public record TransferRequest(String to) {}

    public record TransferReply(String from, String to) {}

    /** DELETE /members/{id}. */
    public record Removed(String removed) {}
}
