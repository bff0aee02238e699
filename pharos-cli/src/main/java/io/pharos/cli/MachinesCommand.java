package io.pharos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pharos machines}: the machines Pharos provisions, each booted into a boot environment. */
@Command(name = "machines", description = "Machines Pharos provisions.",
        subcommands = {MachinesCommand.ListAll.class, MachinesCommand.Show.class, MachinesCommand.Create.class,
                MachinesCommand.Update.class, MachinesCommand.Delete.class})
final class MachinesCommand extends Group {
    static Resource resource(CliContext context) {
        return new Resource(context, "machine", "/machines", Views.MACHINES);
    }

    @Command(name = "list", description = "List machines.")
    static final class ListAll extends ApiCommand {
        ListAll(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).list();
        }
    }

    @Command(name = "show", description = "Show one machine.")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "ID-OR-NAME")
        String machine;

        Show(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).show(machine);
        }
    }

    static final class Flags {
        @Option(names = "--name", paramLabel = "NAME", description = "the machine's name")
        String name;

        @Option(names = "--mac", paramLabel = "MAC", description = "a hardware address of the machine; repeat for several (replaces all)")
        List<String> macs;

        @Option(names = "--bootenv", paramLabel = "NAME", description = "the boot environment it boots into")
        String bootEnv;

        @Option(names = "--param", paramLabel = "NAME=VALUE", description = "a value for its templates; repeatable")
        Map<String, String> params;

        @Option(names = "--unset-param", paramLabel = "NAME", description = "remove a param; repeatable")
        List<String> unsetParams;

        @Option(names = "--address", paramLabel = "IP", description = "an address to reserve for it; \"\" to lease from the pool")
        String address;

        void applyTo(ObjectNode machine) {
            Edits.text(machine, "name", name);
            Edits.list(machine, "macs", macs);
            Edits.text(machine, "bootEnv", bootEnv);
            Edits.map(machine, "params", params, unsetParams);
            Edits.optionalText(machine, "address", address);
        }
    }

    @Command(name = "create", description = {"Create a machine.",
            "e.g. pharos machines create --name m1 --mac 52:54:00:12:34:56 --bootenv local --param k=v --address 10.0.0.50"})
    static final class Create extends ApiCommand {
        @Mixin
        Flags flags;

        @Mixin
        FromFile from;

        Create(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            ObjectNode machine = from.read(context);
            if (machine == null) machine = CliJson.MAPPER.createObjectNode();
            flags.applyTo(machine);
            String label = Edits.name(machine, "name", null, "machine", "--name");
            Edits.defaultList(machine, "macs");
            Edits.defaultMap(machine, "params");
            resource(context).create(machine, label);
        }
    }

    @Command(name = "update", description = "Change a machine: only the fields given by flags change.")
    static final class Update extends ApiCommand {
        @Parameters(paramLabel = "ID-OR-NAME")
        String machine;

        @Mixin
        Flags flags;

        @Mixin
        FromFile from;

        Update(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            // Written back under its id, so that renaming with --name addresses the machine that was read.
            resource(context).update(machine, from.read(context), flags::applyTo,
                    item -> item.path("id").isTextual() ? item.path("id").asText() : machine);
        }
    }

    @Command(name = "delete", description = "Delete a machine.")
    static final class Delete extends ApiCommand {
        @Parameters(paramLabel = "ID-OR-NAME")
        String machine;

        Delete(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).delete(machine);
        }
    }
}
