package io.pharos.cli;

import picocli.CommandLine.Command;

/** {@code pharos stats}: counters of the DHCP, TFTP and HTTP services, malformed packets included. */
@Command(name = "stats", description = "Counters of the DHCP, TFTP and HTTP services (including malformed packets).")
final class StatsCommand extends ApiCommand {
    StatsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        printer().flat(api().get("/stats"));
    }
}
