package io.pharos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pharos machines}: the machines Pharos provisions, each booted into a boot environment. */
@Command(name = "machines", description = "Machines Pharos provisions.")
final class MachinesCommand extends ResourceGroup {
    MachinesCommand(CliContext context) {
        super(context, c -> new Resource(c, "machine", "/machines", Views.MACHINES),
                ResourceVerbs.list("List machines."),
                ResourceVerbs.show("ID-OR-NAME", "Show one machine."),
                ResourceVerbs.create(new CreateKey.Flag("name", "--name"), Flags::new, "Create a machine.",
                        "e.g. pharos machines create --name m1 --mac 52:54:00:12:34:56 --bootenv local --param k=v"
                                + " --address 10.0.0.50"),
                ResourceVerbs.update("ID-OR-NAME", Flags::new, "Change a machine: only the fields given by flags change."),
                ResourceVerbs.delete("ID-OR-NAME", "Delete a machine."));
    }

    static final class Flags implements ItemFlags {
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

        @Override
        public void applyTo(ObjectNode machine) {
            Edits.text(machine, "name", name);
            Edits.list(machine, "macs", macs);
            Edits.text(machine, "bootEnv", bootEnv);
            Edits.map(machine, "params", params, unsetParams);
            Edits.optionalText(machine, "address", address);
        }

        @Override
        public void completeNew(ObjectNode machine) {
            Edits.defaultList(machine, "macs");
            Edits.defaultMap(machine, "params");
        }

        /** Its id, so that renaming with --name addresses the machine that was read. */
        @Override
        public String keyToWrite(ObjectNode machine, String key) {
            return machine.path("id").isTextual() ? machine.path("id").asText() : key;
        }
    }
}
