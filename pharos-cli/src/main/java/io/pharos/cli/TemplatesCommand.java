package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pharos templates}: Pebble templates rendered per machine (iPXE scripts, pxelinux and GRUB configs). */
@Command(name = "templates", description = "Templates rendered per machine (iPXE scripts, pxelinux and GRUB configs).")
final class TemplatesCommand extends ResourceGroup {
    TemplatesCommand(CliContext context) {
        super(context, TemplatesCommand::resource,
                ResourceVerbs.list("List templates."),
                ResourceVerbs.annotated(Show.class),
                ResourceVerbs.create(new CreateKey.Argument("name", "NAME"), () -> new Body(context),
                        "Create a template.", "e.g. pharos templates create ubuntu-ipxe --file ubuntu.ipxe"),
                ResourceVerbs.update("NAME", () -> new Body(context), "Replace a template's body."),
                ResourceVerbs.delete("NAME", "Delete a template (refused while a boot environment uses it)."));
    }

    static Resource resource(CliContext context) {
        return new Resource(context, "template", "/templates", Views.TEMPLATES);
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

    static final class Body implements ItemFlags {
        private final CliContext context;

        @Option(names = "--file", paramLabel = "PATH", description = "the template body from this file (\"-\" for stdin)")
        String file;

        Body(CliContext context) {
            this.context = context;
        }

        @Override
        public void applyTo(ObjectNode template) {
            if (file != null) template.put("body", FromFile.readText(context, file, "--file"));
        }

        @Override
        public void completeNew(ObjectNode template) {
            if (!template.hasNonNull("body"))
                throw CliException.usage("give the template a body with --file PATH (or --file - for stdin)");
        }
    }
}
