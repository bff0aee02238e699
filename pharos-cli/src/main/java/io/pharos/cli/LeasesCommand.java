package io.pharos.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pharos leases}: addresses bound to clients. Leases are made by DHCP, so there is no create. */
@Command(name = "leases", description = "Addresses bound to DHCP clients.")
final class LeasesCommand extends ResourceGroup {
    LeasesCommand(CliContext context) {
        super(context, LeasesCommand::resource,
                ResourceVerbs.annotated(ListAll.class),
                ResourceVerbs.show("ADDRESS", "Show the lease of one address."),
                ResourceVerbs.delete("ADDRESS", "Forget the lease of an address, so it can be given to another client.",
                        "The client may still use it until it renews; delete only leases of clients that are gone."));
    }

    static Resource resource(CliContext context) {
        return new Resource(context, "lease", "/leases", Views.leases(context.printer().nowMillis()));
    }

    @Command(name = "list", description = "List leases.")
    static final class ListAll extends ApiCommand {
        @Option(names = "--subnet", paramLabel = "NAME", description = "only the leases of this subnet")
        String subnet;

        ListAll(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).list(subnet == null ? "" : ApiPaths.query("subnet", subnet));
        }
    }
}
