package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code pharos cluster} commands that change membership or leadership. */
final class ClusterCommandChanges {
    private ClusterCommandChanges() {}

    @Command(name = "init", description = {"Make this node the first member of a cluster: sets the VIP, creates the "
            + "cluster token (printed once) that other nodes join with.",
            "e.g. pharos cluster init --vip 10.0.0.10/24 --cluster-id lab"})
    static final class Init extends ApiCommand {
        @Option(names = "--vip", required = true, paramLabel = "ADDRESS/PREFIX|none",
                description = "the virtual IP the active node holds, or 'none' when a load balancer owns the address")
        String vip;

        @Option(names = "--cluster-id", paramLabel = "NAME", description = "the cluster's name (default pharos)")
        String clusterId;

        @Option(names = "--force", description = "initialise again with new settings and a new token; only while "
                + "no other node has joined")
        boolean force;

        Init(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            ObjectNode body = CliJson.MAPPER.createObjectNode().put("vip", vip).put("force", force);
            if (clusterId != null) body.put("clusterId", clusterId);
            JsonNode answer = api().send("POST", ClusterCommand.API + "/init", body);
            String vipText = answer.path("vip").asText("");
            printer().text(answer, "cluster '" + answer.path("clusterId").asText() + "' initialised ("
                    + (vipText.isEmpty() ? "no VIP" : "VIP " + vipText) + ")\n"
                    + "cluster token (shown only now; every member keeps it in DATA/cluster/token):\n"
                    + "  " + answer.path("token").asText() + "\n"
                    + "join another node by running on it:\n"
                    + "  " + answer.path("join").asText() + " [--observer]");
        }
    }

    /**
     * Checks the token against the cluster and prints the {@code pharos serve} line to run on the new node. It
     * does not start the server itself: {@code serve} is the long-running process a service manager supervises,
     * and its flags belong in that service's definition, where a restart will find them again.
     */
    @Command(name = "join", description = {"Check that a cluster accepts the token, and print the exact "
            + "`pharos serve --join ...` line to run on this (new) node.",
            "e.g. pharos cluster join http://10.0.0.2:8080 --cluster-token TOKEN --node-id n2 --raft-address 10.0.0.3:9870"})
    static final class Join extends ApiCommand {
        @Parameters(paramLabel = "ACTIVE-URL", description = "the HTTP address of a member, e.g. http://10.0.0.2:8080")
        String url;

        @Option(names = "--cluster-token", required = true, paramLabel = "TOKEN",
                description = "the token `pharos cluster init` printed")
        String clusterToken;

        @Option(names = "--node-id", paramLabel = "NAME", description = "this node's name in the cluster")
        String nodeId;

        @Option(names = "--raft-address", paramLabel = "HOST:PORT", description = "this node's Raft address, reachable by the others")
        String raftAddress;

        @Option(names = "--observer", description = "join as an observer: replicates everything, never becomes active")
        boolean observer;

        Join(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            URI active = activeUrl();
            // Asked of the cluster named on the command line, with its token, whatever --endpoint/--token say.
            context.endpointOption = active.toString();
            context.tokenOption = "cluster." + clusterToken;
            JsonNode info = api().get(ClusterCommand.API + "/info");
            String version = info.path("version").asText("?");
            if (!sameMajorMinor(version, VersionProvider.version()))
                context.err.println("pharos: warning: the cluster runs Pharos " + version + " and this CLI is "
                        + VersionProvider.version() + "; the node must run the cluster's major.minor version to join");
            String command = "pharos serve --join " + active + " --cluster-token " + clusterToken
                    + " --node-id " + (nodeId == null ? "NAME" : nodeId)
                    + " --raft-address " + (raftAddress == null ? "HOST:PORT" : raftAddress)
                    + (observer ? " --observer" : "");
            printer().text(info, "cluster '" + info.path("clusterId").asText() + "' accepts this token (Pharos " + version
                    + ", leader " + info.path("leader").asText("none") + ", voters " + ClusterCommand.keys(info.path("voters"))
                    + ", observers " + ClusterCommand.keys(info.path("observers")) + ")\n"
                    + "on this node, run (or put in its service definition):\n  " + command);
        }

        private URI activeUrl() {
            String text = url.strip();
            while (text.endsWith("/")) text = text.substring(0, text.length() - 1);
            try {
                URI uri = new URI(text);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                        && (uri.getPath() == null || uri.getPath().isEmpty()))
                    return uri;
            } catch (URISyntaxException e) {
                // reported below
            }
            throw CliException.usage("'" + url + "' is not a URL like http://10.0.0.2:8080");
        }

        private static boolean sameMajorMinor(String a, String b) {
            String[] x = a.split("[.-]");
            String[] y = b.split("[.-]");
            return x.length >= 2 && y.length >= 2 && x[0].equals(y[0]) && x[1].equals(y[1]);
        }
    }

    @Command(name = "remove", description = {"Remove a node from the cluster (not the leader: transfer first).",
            "e.g. pharos cluster remove n3"})
    static final class Remove extends ApiCommand {
        @Parameters(paramLabel = "NODE")
        String node;

        Remove(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            JsonNode answer = api().delete(ApiPaths.item(ClusterCommand.API + "/members", node));
            printer().done(answer, "removed " + node + " from the cluster; stop its Pharos now (to bring it back "
                    + "later: pharos serve --join URL --cluster-token TOKEN --force)");
        }
    }

    @Command(name = "transfer", description = {"Hand leadership (and with it the active role) to NODE, or to the voter "
            + "holding the most log.", "e.g. pharos cluster transfer n2"})
    static final class Transfer extends ApiCommand {
        @Parameters(paramLabel = "NODE", arity = "0..1", description = "the new leader (default: the most caught-up voter)")
        String node;

        Transfer(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            ObjectNode body = CliJson.MAPPER.createObjectNode();
            if (node != null) body.put("to", node);
            JsonNode answer = api().send("POST", ClusterCommand.API + "/transfer", body);
            printer().done(answer, "leadership moved from " + answer.path("from").asText("?") + " to "
                    + answer.path("to").asText("?"));
        }
    }
}
