package io.pharos.node.api;

import io.pharos.core.model.Machine;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The checks a machine passes before it is proposed: 422 for its own fields, 409 for clashes with others. */
final class MachineValidator {
    private MachineValidator() {}

    static void validate(Machine machine, State state) {
        Problems problems = new Problems();
        Names.check(problems, "name", machine.name());
        if (machine.macs().isEmpty())
            problems.add("macs", "needs at least one MAC address, e.g. [\"52:54:00:12:34:56\"], so DHCP can recognise the machine");
        Set<Mac> seen = new HashSet<>();
        for (int i = 0; i < machine.macs().size(); i++)
            if (!seen.add(machine.macs().get(i))) problems.add("macs[" + i + "]", machine.macs().get(i) + " is listed twice; list it once");
        if (machine.address() != null) Addresses.checkFixed(problems, "address", machine.address(), state);
        if (machine.bootEnv() != null && state.bootEnv(machine.bootEnv()).isEmpty())
            problems.add("bootEnv", "boot environment '" + machine.bootEnv() + "' does not exist; choose one of "
                    + state.bootEnvs().stream().map(b -> b.name()).toList() + " or create it first");
        machine.params().keySet().forEach(key -> {
            if (!Names.valid(key)) problems.add("params." + key, "is not a valid param name; " + Names.RULE);
        });
        problems.throwIfAny(422);
    }

    static void checkNoClash(Machine machine, State state) {
        for (Mac mac : machine.macs()) {
            Optional<Machine> owner = state.machineByMac(mac);
            if (owner.isPresent() && !owner.get().id().equals(machine.id()))
                throw ApiException.conflict("macs: " + mac + " belongs to machine '" + owner.get().name()
                        + "'; remove it there first or edit that machine instead");
        }
        Optional<Machine> named = state.machineByName(machine.name());
        if (named.isPresent() && !named.get().id().equals(machine.id()))
            throw ApiException.conflict("name: another machine (" + named.get().id() + ") is named '" + machine.name()
                    + "'; choose another name");
        if (machine.address() != null)
            Addresses.reservedForOther(state, machine.address(), List.copyOf(machine.macs())).ifPresent(owner -> {
                if (!owner.equals("machine '" + machine.name() + "'"))
                    throw ApiException.conflict("address: " + machine.address() + " is already reserved for " + owner
                            + "; choose another address");
            });
    }
}
