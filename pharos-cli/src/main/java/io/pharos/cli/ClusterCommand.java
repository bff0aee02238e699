package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code pharos cluster}: membership and health of a Pharos cluster. Reads work against any node (those only
 * the leader can answer are forwarded to it); changes need an admin token.
 */
@Command(name = "cluster", description = "Cluster membership and health: init, join, remove, transfer, status.",
        subcommands = {ClusterCommandChanges.Init.class, ClusterCommandChanges.Join.class,
                ClusterCommandChanges.Remove.class, ClusterCommandChanges.Transfer.class, ClusterCommand.Status.class,
                ClusterCommand.Peers.class, ClusterCommand.Leader.class, ClusterCommand.Active.class,
                ClusterCommand.Id.class, ClusterCommand.Dump.class, ClusterCommandFailoverSafe.class})
final class ClusterCommand extends Group {
    static final String API = "/cluster";

    static final List<Column> PEERS = List.of(
            Column.field("ID", "id"),
            Column.field("KIND", "kind"),
            Column.field("RAFT", "raftAddress"),
            Column.field("HTTP", "httpAddress"),
            Column.field("MATCH", "matchIndex"),
            Column.field("LAG", "lag"),
            Column.field("REPLICATION", "replication"),
            new Column("CONTACT", p -> p.path("lastContactMillis").asLong(-1) < 0 ? "never"
                    : p.path("lastContactMillis").asLong() + "ms ago"),
            new Column("APPLIED", p -> Cells.text(p.path("local").path("appliedIndex"))),
            new Column("MISSING-BLOBS", p -> missingBlobs(p.path("local"))),
            new Column("PROBLEM", p -> Cells.text(p.path("problem"))));

    private static String missingBlobs(JsonNode local) {
        if (local.isMissingNode() || local.isNull()) return "";
        long missing = local.path("missingBlobs").asLong(-1);
        return missing < 0 ? "unknown" : Long.toString(missing);
    }

    @Command(name = "status", description = "The cluster at a glance: leader, active, failover safety, every member.")
    static final class Status extends ApiCommand {
        Status(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            JsonNode status = api().get(API + "/status");
            List<String> lines = new ArrayList<>();
            String vip = status.path("vip").asText("");
            lines.add("cluster        " + status.path("clusterId").asText("") + (vip.isEmpty() ? " (no VIP)" : " (VIP " + vip + ")"));
            lines.add("leader         " + status.path("leader").asText("none") + "   active " + status.path("active").asText("none")
                    + "   commit index " + status.path("commitIndex").asLong());
            lines.add("failover-safe  " + ClusterCommandFailoverSafe.sentence(status.path("failoverSafe")));
            lines.add("");
            lines.addAll(Table.render(PEERS, status.path("members")));
            printer().text(status, String.join("\n", lines));
        }
    }

    @Command(name = "peers", description = "Every member's replication (match index, lag, streaming or catching up), "
            + "applied index and missing blobs.")
    static final class Peers extends ApiCommand {
        Peers(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            printer().table(api().get(API + "/peers"), PEERS);
        }
    }

    @Command(name = "leader", description = "The Raft leader, as the node asked knows it.")
    static final class Leader extends ApiCommand {
        Leader(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            JsonNode leader = api().get(API + "/leader");
            if (leader.path("leader").asText("").isEmpty())
                throw new CliException(ExitCode.REFUSED, "node " + leader.path("answeredBy").asText("?") + " knows no "
                        + "leader now: an election is under way, or no majority of voters is up");
            printer().text(leader, leader.path("leader").asText() + " (raft " + leader.path("raftAddress").asText("?")
                    + ", http " + leader.path("httpAddress").asText("?") + ")");
        }
    }

    @Command(name = "active", description = "The active node: the leader holding a valid lease (it serves DHCP, "
            + "TFTP and the VIP). Exit 1 when none is.")
    static final class Active extends ApiCommand {
        Active(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            JsonNode active = api().get(API + "/active");
            if (active.path("active").asText("").isEmpty()) {
                printer().text(active, "no node is active right now (the leader's lease is not valid: it just took over, "
                        + "or cannot reach a majority)");
                throw new CliException(ExitCode.REFUSED, "no active node");
            }
            printer().text(active, active.path("active").asText() + " (http " + active.path("httpAddress").asText("?") + ")");
        }
    }

    @Command(name = "id", description = "The cluster's id (and the name of its Raft group).")
    static final class Id extends ApiCommand {
        Id(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            JsonNode id = api().get(API + "/id");
            if (id.path("clusterId").asText("").isEmpty())
                throw new CliException(ExitCode.REFUSED, "this node's cluster is not initialised: run `pharos cluster "
                        + "init --vip ADDRESS/PREFIX` on it");
            printer().text(id, id.path("clusterId").asText());
        }
    }

    @Command(name = "dump", description = "Everything the leader knows about the cluster, as JSON (for bug reports).")
    static final class Dump extends ApiCommand {
        Dump(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            JsonNode dump = api().get(API + "/dump");
            printer().text(dump, CliJson.pretty(dump));
        }
    }

    /** "a, b" or "-" for an empty JSON object's keys. */
    static String keys(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) out.add(e.getKey());
        return out.isEmpty() ? "-" : String.join(", ", out);
    }
}
