package io.pharos.node.cluster;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.model.Member;
import io.pharos.node.raft.MembershipException;
import io.pharos.node.raft.RaftNode;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Join, remove and transfer, on the leader. The Raft configuration is the truth about who votes; the
 * Member records in the state say how to reach each node and are written after the configuration changed.
 */
final class ClusterMembers {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembers.class);
    private static final String ID = "[A-Za-z0-9][A-Za-z0-9_-]{0,62}";

    private final RaftNode raft;
    private final Duration changeTimeout;
    private final Duration writeTimeout;

    ClusterMembers(RaftNode raft, Duration changeTimeout, Duration writeTimeout) {
        this.raft = raft;
        this.changeTimeout = changeTimeout;
        this.writeTimeout = writeTimeout;
    }

    ClusterWire.JoinReply join(ClusterWire.JoinRequest request) {
        validate(request);
        if (!raft.state().cluster().initialised())
            throw ClusterProblem.conflict("this cluster is not initialised: run `pharos cluster init --vip ADDRESS/PREFIX` "
                    + "on it first, then join with the token it prints");
        String who = "node '" + request.id() + "'";
        Compatibility.joinProblem(request.release(), Compatibility.Release.CURRENT, who).ifPresent(problem -> {
            throw ClusterProblem.conflict(problem);
        });
        if (request.id().equals(raft.nodeId()))
            throw ClusterProblem.conflict("'" + request.id() + "' is the id of the leader itself: give the new node "
                    + "another --node-id");
        try {
            if (request.fresh() && raft.configuration().contains(request.id())) {
                // It lost what it acknowledged; it must not count towards a majority until it has it again.
                LOG.warn("CLUSTER_MEMBER_REJOINING id={} with empty storage: removed from the group, then added again",
                        request.id());
                raft.removePeer(request.id(), changeTimeout);
            }
            raft.addPeer(request.id(), request.raftAddress(), request.observer(), changeTimeout);
        } catch (MembershipException e) {
            throw ClusterProblem.of(e);
        }
        Member member = request.member();
        commit(new Command.PutMember(member), "record member " + member.id());
        LOG.info("CLUSTER_MEMBER_JOINED id={} raft={} http={} as={} version={}", member.id(), member.raftAddress(),
                member.httpAddress(), member.observer() ? "observer" : "voter", member.version());
        return new ClusterWire.JoinReply(member, raft.commitIndex(), ClusterFacts.info(raft));
    }

    ClusterWire.Removed remove(String id) {
        boolean inGroup = raft.configuration().contains(id);
        boolean recorded = raft.state().member(id).isPresent();
        if (!inGroup && !recorded)
            throw new ClusterProblem(404, "'" + id + "' is not a member; members are "
                    + raft.configuration().all().keySet() + " (see `pharos cluster peers`)");
        try {
            if (inGroup) raft.removePeer(id, changeTimeout);
        } catch (MembershipException e) {
            throw ClusterProblem.of(e);
        }
        if (recorded) commit(new Command.DeleteMember(id), "forget member " + id);
        LOG.info("CLUSTER_MEMBER_GONE id={}: stop its Pharos; to bring it back, start it with --join and --force", id);
        return new ClusterWire.Removed(id);
    }

    ClusterWire.TransferReply transfer(String to) {
        try {
            String from = raft.nodeId();
            return new ClusterWire.TransferReply(from, raft.transferLeadership(to == null || to.isBlank() ? null : to.strip(),
                    changeTimeout));
        } catch (MembershipException e) {
            throw ClusterProblem.of(e);
        }
    }

    private static void validate(ClusterWire.JoinRequest r) {
        if (r.id() == null || !r.id().matches(ID))
            throw ClusterProblem.badRequest("id '" + r.id() + "' must be letters, digits, '-' or '_' (at most 63)");
        for (String[] field : new String[][] {{"raftAddress", r.raftAddress()}, {"httpAddress", r.httpAddress()}})
            if (field[1] == null || !field[1].matches("[^\\s/:]+:\\d{1,5}"))
                throw ClusterProblem.badRequest(field[0] + " '" + field[1] + "' must be HOST:PORT");
        if (r.raftAddress().startsWith("0.0.0.0:"))
            throw ClusterProblem.badRequest("raftAddress " + r.raftAddress() + " cannot be reached by other nodes: "
                    + "start the joining node with --raft-address set to one of its own addresses");
        if (r.version() == null || r.version().isBlank())
            throw ClusterProblem.badRequest("version is missing; the joining node must say which Pharos it runs");
    }

    private void commit(Command command, String what) {
        try {
            Result result = raft.commandLog().submit(command).get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (result instanceof Result.Refused refused && refused.kind() != Result.Refusal.NOT_FOUND)
                throw ClusterProblem.conflict("could not " + what + ": " + refused.reason());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterProblem(503, "interrupted before it could " + what + "; retry");
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterProblem(503, "the group changed, but it could not " + what + " ("
                    + (e.getCause() == null ? e : e.getCause()).getMessage() + "); retry the same request");
        }
    }
}
