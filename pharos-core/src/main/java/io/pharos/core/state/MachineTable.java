package io.pharos.core.state;

import io.pharos.core.command.Result;
import io.pharos.core.command.Result.Refusal;
import io.pharos.core.model.Machine;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Machines by id, with indexes by MAC, name and fixed address; each MAC and name belongs to one machine. */
final class MachineTable {
    private final Map<UUID, Machine> byId = new ConcurrentSkipListMap<>();
    private final Map<Mac, UUID> byMac = new ConcurrentHashMap<>();
    private final Map<String, UUID> byName = new ConcurrentHashMap<>();
    private final Map<Ipv4, UUID> byAddress = new ConcurrentHashMap<>();

    Result put(Machine machine) {
        for (Mac mac : machine.macs()) {
            UUID owner = byMac.get(mac);
            if (owner != null && !owner.equals(machine.id()))
                return new Result.Refused(Refusal.CONFLICT, "MAC " + mac + " belongs to machine '" + byId.get(owner).name() + "'");
        }
        UUID named = byName.get(machine.name());
        if (named != null && !named.equals(machine.id()))
            return new Result.Refused(Refusal.CONFLICT, "another machine is named '" + machine.name() + "'");
        Machine old = byId.get(machine.id());
        if (old != null) unindex(old);
        byId.put(machine.id(), machine);
        for (Mac mac : machine.macs()) byMac.put(mac, machine.id());
        byName.put(machine.name(), machine.id());
        if (machine.address() != null) byAddress.put(machine.address(), machine.id());
        return Result.OK;
    }

    Result delete(UUID id) {
        Machine old = byId.remove(id);
        if (old == null) return new Result.Refused(Refusal.NOT_FOUND, "machine '" + id + "' does not exist");
        unindex(old);
        return Result.OK;
    }

    private void unindex(Machine machine) {
        for (Mac mac : machine.macs()) byMac.remove(mac, machine.id());
        byName.remove(machine.name(), machine.id());
        if (machine.address() != null) byAddress.remove(machine.address(), machine.id());
    }

    Collection<Machine> all() { return byId.values(); }
    Optional<Machine> byId(UUID id) { return Optional.ofNullable(byId.get(id)); }
    Optional<Machine> byMac(Mac mac) { return lookup(byMac.get(mac)); }
    Optional<Machine> byName(String name) { return lookup(byName.get(name)); }
    Optional<Machine> byAddress(Ipv4 address) { return lookup(byAddress.get(address)); }

    private Optional<Machine> lookup(UUID id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    void clear() {
        byId.clear();
        byMac.clear();
        byName.clear();
        byAddress.clear();
    }
}
