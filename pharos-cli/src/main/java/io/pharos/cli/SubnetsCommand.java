package io.pharos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pharos subnets}: the networks Pharos hands out addresses in. */
@Command(name = "subnets", description = "Networks Pharos hands out addresses in.")
final class SubnetsCommand extends ResourceGroup {
    private static final long DEFAULT_LEASE_SECONDS = 3_600;

    SubnetsCommand(CliContext context) {
        super(context, c -> new Resource(c, "subnet", "/subnets", Views.SUBNETS),
                ResourceVerbs.list("List subnets."),
                ResourceVerbs.show("NAME", "Show one subnet."),
                ResourceVerbs.create(new CreateKey.Argument("name", "NAME"), Flags::new, "Create a subnet.",
                        "e.g. pharos subnets create lab --cidr 10.0.0.0/24 --range 10.0.0.100-10.0.0.200 --lease-time 1h"
                                + " --option router=10.0.0.1 --option dns=10.0.0.53"),
                ResourceVerbs.update("NAME", Flags::new, "Change a subnet: only the fields given by flags change."),
                ResourceVerbs.delete("NAME", "Delete a subnet."));
    }

    /** The fields a subnet's flags set, shared by create and update. */
    static final class Flags implements ItemFlags {
        @Option(names = "--cidr", paramLabel = "CIDR", description = "the network, e.g. 10.0.0.0/24")
        String cidr;

        @Option(names = "--range", paramLabel = "FIRST-LAST",
                description = "a pool of addresses to lease, e.g. 10.0.0.100-10.0.0.200; repeat for several (replaces all ranges)")
        List<String> ranges;

        @Option(names = "--lease-time", paramLabel = "DURATION", converter = Durations.SecondsConverter.class,
                description = "lease length: 1h, 30m, 1d, or seconds (default on create: 1h)")
        Long leaseSeconds;

        @Option(names = "--option", paramLabel = "NAME=VALUE",
                description = "a DHCP option by name or number, e.g. router=10.0.0.1, dns=10.0.0.53; repeatable")
        Map<String, String> options;

        @Option(names = "--unset-option", paramLabel = "NAME", description = "remove a DHCP option; repeatable")
        List<String> unsetOptions;

        @Option(names = "--next-server", paramLabel = "IP",
                description = "boot server announced to clients (siaddr); \"\" for this server")
        String nextServer;

        @Override
        public void applyTo(ObjectNode subnet) {
            Edits.text(subnet, "cidr", cidr);
            Edits.list(subnet, "ranges", ranges);
            Edits.number(subnet, "leaseSeconds", leaseSeconds);
            Edits.map(subnet, "options", options, unsetOptions);
            Edits.optionalText(subnet, "nextServer", nextServer);
        }

        @Override
        public void completeNew(ObjectNode subnet) {
            Edits.defaultList(subnet, "ranges");
            Edits.defaultMap(subnet, "options");
            if (!subnet.has("leaseSeconds")) subnet.put("leaseSeconds", DEFAULT_LEASE_SECONDS);
        }
    }
}
