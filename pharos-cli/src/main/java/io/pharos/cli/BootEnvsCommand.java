package io.pharos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pharos bootenvs}: how machines boot (kernel, initrds, arguments, per-loader templates). */
@Command(name = "bootenvs", description = "Boot environments: what a machine boots and how.",
        subcommands = {BootEnvsCommand.ListAll.class, BootEnvsCommand.Show.class, BootEnvsCommand.Create.class,
                BootEnvsCommand.Update.class, BootEnvsCommand.Delete.class})
final class BootEnvsCommand extends Group {
    static Resource resource(CliContext context) {
        return new Resource(context, "boot environment", "/bootenvs", Views.BOOTENVS);
    }

    @Command(name = "list", description = "List boot environments.")
    static final class ListAll extends ApiCommand {
        ListAll(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).list();
        }
    }

    @Command(name = "show", description = "Show one boot environment.")
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

    static final class Flags {
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

        void applyTo(ObjectNode bootEnv) {
            Edits.text(bootEnv, "description", description);
            Edits.text(bootEnv, "kernel", kernel);
            Edits.list(bootEnv, "initrds", initrds);
            Edits.text(bootEnv, "kernelArgs", kernelArgs);
            Edits.map(bootEnv, "templates", templates, unsetTemplates);
            Edits.list(bootEnv, "files", files);
        }
    }

    @Command(name = "create", description = {"Create a boot environment.",
            "e.g. pharos bootenvs create ubuntu --kernel ubuntu/linux --initrd ubuntu/initrd --args 'console=ttyS0'"
                    + " --template ipxe=ubuntu-ipxe"})
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
            ObjectNode bootEnv = from.read(context);
            if (bootEnv == null) bootEnv = CliJson.MAPPER.createObjectNode();
            String label = Edits.name(bootEnv, "name", name, "boot environment", "a NAME argument");
            flags.applyTo(bootEnv);
            Edits.defaultText(bootEnv, "description", "");
            Edits.defaultText(bootEnv, "kernel", "");
            Edits.defaultList(bootEnv, "initrds");
            Edits.defaultText(bootEnv, "kernelArgs", "");
            Edits.defaultMap(bootEnv, "templates");
            Edits.defaultList(bootEnv, "files");
            resource(context).create(bootEnv, label);
        }
    }

    @Command(name = "update", description = "Change a boot environment: only the fields given by flags change.")
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

    @Command(name = "delete", description = "Delete a boot environment (refused while a machine or the preferences use it).")
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
