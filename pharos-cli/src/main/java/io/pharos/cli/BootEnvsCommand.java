package io.pharos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pharos bootenvs}: how machines boot (kernel, initrds, arguments, per-loader templates). */
@Command(name = "bootenvs", description = "Boot environments: what a machine boots and how.")
final class BootEnvsCommand extends ResourceGroup {
    BootEnvsCommand(CliContext context) {
        super(context, c -> new Resource(c, "boot environment", "/bootenvs", Views.BOOTENVS),
                ResourceVerbs.list("List boot environments."),
                ResourceVerbs.show("NAME", "Show one boot environment."),
                ResourceVerbs.create(new CreateKey.Argument("name", "NAME"), Flags::new, "Create a boot environment.",
                        "e.g. pharos bootenvs create ubuntu --kernel ubuntu/linux --initrd ubuntu/initrd --args 'console=ttyS0'"
                                + " --template ipxe=ubuntu-ipxe"),
                ResourceVerbs.update("NAME", Flags::new, "Change a boot environment: only the fields given by flags change."),
                ResourceVerbs.delete("NAME", "Delete a boot environment (refused while a machine or the preferences use it)."));
    }

    static final class Flags implements ItemFlags {
        @Option(names = "--description", paramLabel = "TEXT", description = "what it is for")
        String description;

        @Option(names = "--kernel", paramLabel = "PATH", description = "kernel path in the file store or an URL")
        String kernel;

        @Option(names = "--initrd", paramLabel = "PATH", description = "an initrd; repeat for several, in order (replaces all)")
        List<String> initrds;

        @Option(names = "--args", paramLabel = "TEXT", description = "kernel command line")
        String kernelArgs;

        @Option(names = "--template", paramLabel = "LOADER=TEMPLATE",
                description = "template rendered for a boot loader (ipxe, pxelinux, grub), e.g. ipxe=ubuntu-ipxe; repeatable")
        Map<String, String> templates;

        @Option(names = "--unset-template", paramLabel = "LOADER", description = "remove a boot loader's template; repeatable")
        List<String> unsetTemplates;

        @Option(names = "--needs-file", paramLabel = "PATH",
                description = "a file-store path this environment needs (checked before failover); repeatable (replaces all)")
        List<String> files;

        @Override
        public void applyTo(ObjectNode bootEnv) {
            Edits.text(bootEnv, "description", description);
            Edits.text(bootEnv, "kernel", kernel);
            Edits.list(bootEnv, "initrds", initrds);
            Edits.text(bootEnv, "kernelArgs", kernelArgs);
            Edits.map(bootEnv, "templates", templates, unsetTemplates);
            Edits.list(bootEnv, "files", files);
        }

        @Override
        public void completeNew(ObjectNode bootEnv) {
            Edits.defaultText(bootEnv, "description", "");
            Edits.defaultText(bootEnv, "kernel", "");
            Edits.defaultList(bootEnv, "initrds");
            Edits.defaultText(bootEnv, "kernelArgs", "");
            Edits.defaultMap(bootEnv, "templates");
            Edits.defaultList(bootEnv, "files");
        }
    }
}
