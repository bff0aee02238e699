package io.pharos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pharos subnets}: the networks Pharos hands out addresses in. */
@Command(name = "subnets", description = "Networks Pharos hands out addresses in.",
        subcommands = {SubnetsCommand.ListAll.class, SubnetsCommand.Show.class, SubnetsCommand.Create.class,
                SubnetsCommand.Update.class, SubnetsCommand.Delete.class})
final class SubnetsCommand extends Group {
    private static final long DEFAULT_LEASE_SECONDS = 3_600;

    static Resource resource(CliContext context) {
        return new Resource(context, "subnet", "/subnets", Views.SUBNETS);
    }

    @Command(name = "list", description = "List subnets.")
    static final class ListAll extends ApiCommand {
        ListAll(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).list();
        }
    }

    @Command(name = "show", description = "Show one subnet.")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        Show(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).show(name);
        }
    }

    /** The fields a subnet's flags set, shared by create and update. */
    static final class Flags {
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

        void applyTo(ObjectNode subnet) {
            Edits.text(subnet, "cidr", cidr);
            Edits.list(subnet, "ranges", ranges);
            Edits.number(subnet, "leaseSeconds", leaseSeconds);
            Edits.map(subnet, "options", options, unsetOptions);
            Edits.optionalText(subnet, "nextServer", nextServer);
        }
    }

    @Command(name = "create", description = {"Create a subnet.",
            "e.g. pharos subnets create lab --cidr 10.0.0.0/24 --range 10.0.0.100-10.0.0.200 --lease-time 1h"
                    + " --option router=10.0.0.1 --option dns=10.0.0.53"})
    static final class Create extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1")
        String name;

        @Mixin
        Flags flags;

        @Mixin
        FromFile from;

        Create(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            ObjectNode subnet = from.read(context);
            if (subnet == null) subnet = CliJson.MAPPER.createObjectNode();
            String label = Edits.name(subnet, "name", name, "subnet", "a NAME argument");
            flags.applyTo(subnet);
            Edits.defaultList(subnet, "ranges");
            Edits.defaultMap(subnet, "options");
            if (!subnet.has("leaseSeconds")) subnet.put("leaseSeconds", DEFAULT_LEASE_SECONDS);
            resource(context).create(subnet, label);
        }
    }

    @Command(name = "update", description = "Change a subnet: only the fields given by flags change.")
    static final class Update extends ApiCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        Flags flags;

        @Mixin
        FromFile from;

        Update(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).update(name, from.read(context), flags::applyTo);
        }
    }

    @Command(name = "delete", description = "Delete a subnet.")
    static final class Delete extends ApiCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        Delete(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).delete(name);
        }
    }
}
