package io.pharos.node.cluster;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.model.ClusterSettings;
import io.pharos.core.model.Member;
import io.pharos.core.net.Ipv4;
import io.pharos.node.raft.RaftNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pharos cluster init}: names the cluster, sets its VIP, creates the cluster token (shown once; the
 * state keeps its hash) and records this node as the first member. A second init is refused, unless
 * {@code force} and no other node has joined yet: the others hold the old token, and replacing it would
 * lock them out of node-to-node calls.
 */
final class ClusterInit {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterInit.class);
    static final String DEFAULT_CLUSTER_ID = "pharos";

    private final ClusterContext context;
    private final Duration writeTimeout;

    ClusterInit(ClusterContext context, Duration writeTimeout) {
        this.context = context;
        this.writeTimeout = writeTimeout;
    }

    synchronized ClusterWire.InitReply init(ClusterWire.InitRequest request) {
        RaftNode raft = context.raft();
        String clusterId = request.clusterId() == null || request.clusterId().isBlank() ? DEFAULT_CLUSTER_ID
                : request.clusterId().strip();
        if (!clusterId.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}"))
            throw ClusterProblem.badRequest("cluster id '" + clusterId + "' must be 1-63 letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit");
        Vip vip = Vip.parse(request.vip());
        ClusterSettings now = raft.state().cluster();
        if (now.initialised()) refuseSecondInit(now, request.forced());

        String token = ClusterAuth.newToken(context.random());
        // The file first: a token committed but lost to a full disk would leave the cluster unjoinable.
        try {
            ClusterFiles.writeToken(context.dataDir(), token);
            ClusterFiles.writeRaftGroup(context.dataDir(), raft.groupName());
        } catch (IOException e) {
            throw new ClusterProblem(500, "cannot write the cluster token to " + ClusterFiles.directory(context.dataDir())
                    + " (" + e.getMessage() + "): check the data directory's permissions and free space, then retry");
        }
        Member self = context.self();
        Command init = new Command.Batch(List.of(
                new Command.PutClusterSettings(new ClusterSettings(clusterId, vip.address(), vip.prefix(),
                        ClusterAuth.sha256Hex(token))),
                new Command.PutMember(new Member(self.id(), self.raftAddress(), self.httpAddress(), false, self.version()))));
        commit(init);
        LOG.info("CLUSTER_INITIALISED id={} vip={} first member={}", clusterId, request.vip(), self.id());
        String join = "pharos serve --join http://" + self.httpAddress() + " --cluster-token " + token
                + " --node-id NAME --raft-address HOST:PORT";
        return new ClusterWire.InitReply(clusterId, vip.address() == null ? null : vip.address() + "/" + vip.prefix(),
                token, join);
    }

    private void refuseSecondInit(ClusterSettings now, boolean force) {
        String what = "cluster '" + now.clusterId() + "' is already initialised (VIP "
                + (now.vip() == null ? "none" : now.vip() + "/" + now.vipPrefix()) + ")";
        if (!force)
            throw ClusterProblem.conflict(what + "; its token was shown when it was created and every member keeps it "
                    + "in DATA/cluster/token. To start over with new settings and a new token, run init again with "
                    + "--force while this node is the only member");
        Set<String> others = new TreeSet<>(context.raft().configuration().all().keySet());
        context.raft().state().members().forEach(m -> others.add(m.id()));
        others.remove(context.raft().nodeId());
        if (!others.isEmpty())
            throw ClusterProblem.conflict(what + " and " + others + " joined with its token; --force would lock them "
                    + "out. Remove them first (`pharos cluster remove NODE`), or keep the current settings");
    }

    private void commit(Command command) {
        try {
            Result result = context.raft().commandLog().submit(command).get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (result instanceof Result.Batched batched)
                for (Result each : batched.results())
                    if (each instanceof Result.Refused refused)
                        throw ClusterProblem.conflict("the cluster settings were refused: " + refused.reason());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterProblem(503, "interrupted before the cluster settings were committed; check with "
                    + "`pharos cluster id` and retry");
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterProblem(503, "the cluster settings were not committed ("
                    + (e.getCause() == null ? e : e.getCause()).getMessage() + "); retry");
        }
    }

    /** "10.0.0.10/24", or "none" for a cluster behind an external balancer. */
    record Vip(Ipv4 address, int prefix) {
        static Vip parse(String text) {
            if (text == null || text.isBlank())
                throw ClusterProblem.badRequest("give the virtual IP as ADDRESS/PREFIX (e.g. --vip 10.0.0.10/24), or "
                        + "--vip none when a load balancer in front of the nodes owns the address");
            if (text.strip().equalsIgnoreCase("none")) return new Vip(null, 32);
            String[] parts = text.strip().split("/", -1);
            try {
                if (parts.length != 2) throw new IllegalArgumentException("no /PREFIX");
                Ipv4 address = Ipv4.parse(parts[0]);
                int prefix = Integer.parseInt(parts[1]);
                if (prefix < 1 || prefix > 32) throw new IllegalArgumentException("prefix out of range");
                return new Vip(address, prefix);
            } catch (IllegalArgumentException e) {
                throw ClusterProblem.badRequest("'" + text + "' is not ADDRESS/PREFIX like 10.0.0.10/24 (prefix 1-32), "
                        + "nor 'none'");
            }
        }
    }
}
