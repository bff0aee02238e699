package io.pharos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pharos reservations}: fixed addresses for hardware addresses. */
@Command(name = "reservations", description = "Fixed addresses for hardware (MAC) addresses.")
final class ReservationsCommand extends ResourceGroup {
    ReservationsCommand(CliContext context) {
        super(context, c -> new Resource(c, "reservation", "/reservations", Views.RESERVATIONS),
                ResourceVerbs.list("List reservations."),
                ResourceVerbs.show("MAC", "Show the reservation of one MAC address."),
                ResourceVerbs.create(new CreateKey.Option("mac", "--mac", "MAC", "the client's hardware address"),
                        Flags::new, "Reserve an address for a MAC address.",
                        "e.g. pharos reservations create --mac 52:54:00:12:34:56 --address 10.0.0.50 --hostname web1"),
                ResourceVerbs.update("MAC", Flags::new, "Change a reservation: only the fields given by flags change."),
                ResourceVerbs.delete("MAC", "Delete the reservation of a MAC address."));
    }

    static final class Flags implements ItemFlags {
        @Option(names = "--address", paramLabel = "IP", description = "the address to give this MAC")
        String address;

        @Option(names = "--hostname", paramLabel = "NAME", description = "host name sent to the client (option 12)")
        String hostname;

        @Option(names = "--option", paramLabel = "NAME=VALUE", description = "an extra DHCP option for this client; repeatable")
        Map<String, String> options;

        @Option(names = "--unset-option", paramLabel = "NAME", description = "remove a DHCP option; repeatable")
        List<String> unsetOptions;

        @Override
        public void applyTo(ObjectNode reservation) {
            Edits.text(reservation, "address", address);
            Edits.text(reservation, "hostname", hostname);
            Edits.map(reservation, "options", options, unsetOptions);
        }

        @Override
        public void completeNew(ObjectNode reservation) {
            Edits.defaultMap(reservation, "options");
        }
    }
}
