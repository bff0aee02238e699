package io.pharos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pharos reservations}: fixed addresses for hardware addresses. */
@Command(name = "reservations", description = "Fixed addresses for hardware (MAC) addresses.",
        subcommands = {ReservationsCommand.ListAll.class, ReservationsCommand.Show.class,
                ReservationsCommand.Create.class, ReservationsCommand.Update.class, ReservationsCommand.Delete.class})
final class ReservationsCommand extends Group {
    static Resource resource(CliContext context) {
        return new Resource(context, "reservation", "/reservations", Views.RESERVATIONS);
    }

    @Command(name = "list", description = "List reservations.")
    static final class ListAll extends ApiCommand {
        ListAll(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).list();
        }
    }

    @Command(name = "show", description = "Show the reservation of one MAC address.")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "MAC")
        String mac;

        Show(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).show(mac);
        }
    }

    static final class Flags {
        @Option(names = "--address", paramLabel = "IP", description = "the address to give this MAC")
        String address;

        @Option(names = "--hostname", paramLabel = "NAME", description = "host name sent to the client (option 12)")
        String hostname;

        @Option(names = "--option", paramLabel = "NAME=VALUE", description = "an extra DHCP option for this client; repeatable")
        Map<String, String> options;

        @Option(names = "--unset-option", paramLabel = "NAME", description = "remove a DHCP option; repeatable")
        List<String> unsetOptions;

        void applyTo(ObjectNode reservation) {
            Edits.text(reservation, "address", address);
            Edits.text(reservation, "hostname", hostname);
            Edits.map(reservation, "options", options, unsetOptions);
        }
    }

    @Command(name = "create", description = {"Reserve an address for a MAC address.",
            "e.g. pharos reservations create --mac 52:54:00:12:34:56 --address 10.0.0.50 --hostname web1"})
    static final class Create extends ApiCommand {
        @Option(names = "--mac", paramLabel = "MAC", description = "the client's hardware address")
        String mac;

        @Mixin
        Flags flags;

        @Mixin
        FromFile from;

        Create(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            ObjectNode reservation = from.read(context);
            if (reservation == null) reservation = CliJson.MAPPER.createObjectNode();
            String label = Edits.name(reservation, "mac", mac, "reservation", "--mac");
            flags.applyTo(reservation);
            Edits.defaultMap(reservation, "options");
            resource(context).create(reservation, label);
        }
    }

    @Command(name = "update", description = "Change a reservation: only the fields given by flags change.")
    static final class Update extends ApiCommand {
        @Parameters(paramLabel = "MAC")
        String mac;

        @Mixin
        Flags flags;

        @Mixin
        FromFile from;

        Update(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).update(mac, from.read(context), flags::applyTo);
        }
    }

    @Command(name = "delete", description = "Delete the reservation of a MAC address.")
    static final class Delete extends ApiCommand {
        @Parameters(paramLabel = "MAC")
        String mac;

        Delete(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            resource(context).delete(mac);
        }
    }
}
