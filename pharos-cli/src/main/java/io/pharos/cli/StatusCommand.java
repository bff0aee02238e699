package io.pharos.cli;

import picocli.CommandLine.Command;

/** {@code pharos status}: the node's role, services and replication state as the server reports them. */
@Command(name = "status", description = "The server's role, services and replication state.")
final class StatusCommand extends ApiCommand {
    StatusCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        printer().flat(api().get("/status"));
    }
}
