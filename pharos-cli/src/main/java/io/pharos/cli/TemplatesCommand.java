package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pharos templates}: Pebble templates rendered per machine (iPXE scripts, pxelinux and GRUB configs). */
@Command(name = "templates", description = "Templates rendered per machine (iPXE scripts, pxelinux and GRUB configs).",
        subcommands = {TemplatesCommand.ListAll.class, TemplatesCommand.Show.class, TemplatesCommand.Create.class,
                TemplatesCommand.Update.class, TemplatesCommand.Delete.class})
final class TemplatesCommand extends Group {
    static Resource resource(CliContext context) {
        return new Resource(context, "template", "/templates", Views.TEMPLATES);
    }

    @Command(name = "list", description = "List templates.")
    static final class ListAll extends ApiCommand {
        ListAll(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).list();
        }
    }

    @Command(name = "show", description = "Print a template's body (or, with -o json, the whole template).")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        Show(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            JsonNode template = resource(context).get(name);
            printer().text(template, template.path("body").asText(""));
        }
    }

    static final class Body {
        @Option(names = "--file", paramLabel = "PATH", description = "the template body from this file (\"-\" for stdin)")
        String file;

        void applyTo(CliContext context, ObjectNode template) {
            if (file != null) template.put("body", FromFile.readText(context, file, "--file"));
        }
    }

    @Command(name = "create", description = {"Create a template.", "e.g. pharos templates create ubuntu-ipxe --file ubuntu.ipxe"})
    static final class Create extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1")
        String name;

        @Mixin
        Body body;

        @Mixin
        FromFile from;

        Create(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            ObjectNode template = from.read(context);
            if (template == null) template = CliJson.MAPPER.createObjectNode();
            String label = Edits.name(template, "name", name, "template", "a NAME argument");
            body.applyTo(context, template);
            if (!template.hasNonNull("body"))
                throw CliException.usage("give the template a body with --file PATH (or --file - for stdin)");
            resource(context).create(template, label);
        }
    }

    @Command(name = "update", description = "Replace a template's body.")
    static final class Update extends ApiCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        Body body;

        @Mixin
        FromFile from;

        Update(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).update(name, from.read(context), template -> body.applyTo(context, template));
        }
    }

    @Command(name = "delete", description = "Delete a template (refused while a boot environment uses it).")
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
