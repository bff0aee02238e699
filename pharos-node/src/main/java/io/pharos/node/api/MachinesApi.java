package io.pharos.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.core.command.Command;
import io.pharos.core.model.Machine;
import io.pharos.core.state.State;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * /machines: known machines, addressed by UUID or by name. On POST the id is generated when absent; on PUT
 * fields left out keep the machine's current id, name and boot environment.
 */
final class MachinesApi {
    private final State state;
    private final CommandWriter writer;
    private final SecureRandom random;

    MachinesApi(State state, CommandWriter writer, SecureRandom random) {
        this.state = state;
        this.writer = writer;
        this.random = random;
    }

    void register(Router router) {
        router.add("GET", "/machines", r -> Reply.ok(state.machines().stream()
                .sorted(Comparator.comparing(Machine::name)).toList()));
        router.add("POST", "/machines", this::create);
        router.add("GET", "/machines/{idOrName}", r -> Reply.ok(find(r.path("idOrName"))));
        router.add("PUT", "/machines/{idOrName}", this::replace);
        router.add("DELETE", "/machines/{idOrName}", r -> {
            writer.write(new Command.DeleteMachine(find(r.path("idOrName")).id()), r.actor());
            return Reply.noContent();
        });
    }

    private Reply create(ApiRequest request) throws IOException {
        ObjectNode body = request.bodyObject();
        Machine read = RecordReader.read(body, Machine.class, Map.of("bootEnv", state.preferences().defaultBootEnv()));
        Machine machine = read.id() != null ? read : withId(read, randomUuid());
        if (state.machine(machine.id()).isPresent())
            throw ApiException.conflict("id: machine " + machine.id() + " already exists; change it with PUT"
                    + " /api/v1/machines/" + machine.id() + " or leave id out to get a new one");
        put(machine, request);
        return Reply.created(machine, "/api/v1/machines/" + machine.id());
    }

    private Reply replace(ApiRequest request) throws IOException {
        String key = request.path("idOrName");
        Optional<Machine> existing = lookup(key);
        Optional<UUID> pathId = uuid(key);
        ObjectNode body = request.bodyObject();
        if (existing.isPresent()) {
            Names.matchPath(body, "id", existing.get().id().toString());
            if (!body.hasNonNull("name")) body.put("name", existing.get().name());
        } else if (pathId.isPresent()) {
            Names.matchPath(body, "id", pathId.get().toString());
        } else {
            Names.matchPath(body, "name", key);
        }
        String bootEnv = existing.map(Machine::bootEnv).orElse(state.preferences().defaultBootEnv());
        Machine read = RecordReader.read(body, Machine.class, Map.of("bootEnv", bootEnv));
        Machine machine = read.id() != null ? read : withId(read, randomUuid());
        put(machine, request);
        return existing.isPresent() ? Reply.ok(machine) : Reply.created(machine, "/api/v1/machines/" + machine.id());
    }

    private void put(Machine machine, ApiRequest request) {
        MachineValidator.validate(machine, state);
        MachineValidator.checkNoClash(machine, state);
        writer.write(new Command.PutMachine(machine), request.actor());
    }

    private Machine find(String idOrName) {
        return lookup(idOrName).orElseThrow(() -> ApiException.notFound("machine '" + idOrName
                + "' does not exist (looked up by id and by name); list machines with GET /api/v1/machines"));
    }

    private Optional<Machine> lookup(String idOrName) {
        Optional<UUID> id = uuid(idOrName);
        return id.isPresent() ? state.machine(id.get()) : state.machineByName(idOrName);
    }

    private static Optional<UUID> uuid(String text) {
        if (text.length() != 36) return Optional.empty();
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A version 4 UUID (RFC 9562 §5.4) from the injected random source. */
    private UUID randomUuid() {
        long high = random.nextLong();
        long low = random.nextLong();
        return new UUID((high & ~0xf000L) | 0x4000L, (low & 0x3fff_ffff_ffff_ffffL) | 0x8000_0000_0000_0000L);
    }

    private static Machine withId(Machine m, UUID id) {
        return new Machine(id, m.name(), m.macs(), m.address(), m.bootEnv(), m.params());
    }
}
