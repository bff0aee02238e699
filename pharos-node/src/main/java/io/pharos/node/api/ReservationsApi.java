package io.pharos.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.core.command.Command;
import io.pharos.core.model.Reservation;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** /reservations: a fixed address (and options) for one hardware address. */
final class ReservationsApi {
    private final State state;
    private final CommandWriter writer;

    ReservationsApi(State state, CommandWriter writer) {
        this.state = state;
        this.writer = writer;
    }

    void register(Router router) {
        router.add("GET", "/reservations", r -> Reply.ok(state.reservations()));
        router.add("POST", "/reservations", this::create);
        router.add("GET", "/reservations/{mac}", r -> Reply.ok(find(Addresses.macInPath(r.path("mac")))));
        router.add("PUT", "/reservations/{mac}", this::replace);
        router.add("DELETE", "/reservations/{mac}", r -> {
            writer.write(new Command.DeleteReservation(Addresses.macInPath(r.path("mac"))), r.actor());
            return Reply.noContent();
        });
    }

    private Reply create(ApiRequest request) throws IOException {
        Reservation reservation = RecordReader.read(request.bodyObject(), Reservation.class, Map.of());
        if (reservation.mac() != null && state.reservation(reservation.mac()).isPresent())
            throw ApiException.conflict("a reservation for " + reservation.mac() + " already exists; change it with"
                    + " PUT /api/v1/reservations/" + reservation.mac());
        put(reservation, request);
        return Reply.created(reservation, "/api/v1/reservations/" + reservation.mac());
    }

    private Reply replace(ApiRequest request) throws IOException {
        Mac mac = Addresses.macInPath(request.path("mac"));
        ObjectNode body = request.bodyObject();
        if (body.hasNonNull("mac") && body.get("mac").isTextual()) {
            String given = body.get("mac").asText();
            boolean same;
            try {
                same = Mac.parse(given).equals(mac);
            } catch (IllegalArgumentException e) {
                same = true; // reported as a bad field by the reader
            }
            if (!same)
                throw ApiException.invalid("mac: the body says '" + given + "' but the path says '" + mac
                        + "'; make them equal or leave mac out of the body");
        } else if (!body.hasNonNull("mac")) {
            body.put("mac", mac.toString());
        }
        Reservation reservation = RecordReader.read(body, Reservation.class, Map.of());
        put(reservation, request);
        return Reply.ok(reservation);
    }

    private void put(Reservation reservation, ApiRequest request) {
        Problems problems = new Problems();
        if (reservation.mac() == null) problems.add("mac", "is required, e.g. \"52:54:00:12:34:56\"");
        if (reservation.address() == null) problems.add("address", "is required, e.g. \"10.0.0.50\"");
        else Addresses.checkFixed(problems, "address", reservation.address(), state);
        Addresses.checkHostname(problems, "hostname", reservation.hostname());
        DhcpOptionsCheck.check(problems, "options", reservation.options());
        problems.throwIfAny(422);
        Addresses.reservedForOther(state, reservation.address(), List.of(reservation.mac())).ifPresent(owner -> {
            throw ApiException.conflict("address: " + reservation.address() + " is already reserved for " + owner
                    + "; choose another address or change that one first");
        });
        writer.write(new Command.PutReservation(reservation), request.actor());
    }

    private Reservation find(Mac mac) {
        return state.reservation(mac).orElseThrow(() -> ApiException.notFound("no reservation for " + mac
                + "; list reservations with GET /api/v1/reservations"));
    }
}
