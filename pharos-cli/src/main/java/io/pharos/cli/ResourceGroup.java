package io.pharos.cli;

import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * A group whose subcommands work on one API collection ("pharos subnets list|show|..."). Its verbs are
 * described as data ({@link ResourceVerbs}) and built into picocli specs for each command line.
 */
abstract class ResourceGroup extends Group {
    final CliContext context;
    private final Function<CliContext, Resource> resource;
    private final List<ResourceVerbs.Verb> verbs;

    /** resource: made when a verb runs, not before (the lease columns read the clock). */
    ResourceGroup(CliContext context, Function<CliContext, Resource> resource, ResourceVerbs.Verb... verbs) {
        this.context = context;
        this.resource = resource;
        this.verbs = List.of(verbs);
    }

    Resource resource() {
        return resource.apply(context);
    }

    /** Adds the verbs to this group's command line, in the order help lists them. */
    void addVerbs(CommandLine group, CommandLine.IFactory factory) {
        for (ResourceVerbs.Verb verb : verbs) {
            CommandLine.Model.CommandSpec spec = verb.build(this, factory);
            group.addSubcommand(spec.name(), new CommandLine(spec, factory));
        }
    }
}
