package io.pharos.core.state;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.command.Result.Refusal;
import io.pharos.core.model.ApiToken;
import io.pharos.core.model.BootEnv;
import io.pharos.core.model.ClusterSettings;
import io.pharos.core.model.FileEntry;
import io.pharos.core.model.Lease;
import io.pharos.core.model.Machine;
import io.pharos.core.model.Member;
import io.pharos.core.model.Preferences;
import io.pharos.core.model.Reservation;
import io.pharos.core.model.Subnet;
import io.pharos.core.model.Template;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The replicated state machine: {@link #apply} is deterministic (no clock, randomness or I/O), so every node
 * holds the same state after the same log prefix (invariant 4). One thread applies; any thread may read.
 */
public final class State {
    private final Map<String, Subnet> subnets = new ConcurrentSkipListMap<>();
    private final Map<Mac, Reservation> reservations = new ConcurrentSkipListMap<>();
    /** Reserved address to its MAC: allocation asks this for every candidate address. */
    private final Map<Ipv4, Mac> reservedAddresses = new ConcurrentHashMap<>();
    private final LeaseTable leases = new LeaseTable();
    private final MachineTable machines = new MachineTable();
    private final Map<String, BootEnv> bootEnvs = new ConcurrentSkipListMap<>();
    private final Map<String, Template> templates = new ConcurrentSkipListMap<>();
    private final Map<String, String> params = new ConcurrentSkipListMap<>();
    private final Map<String, FileEntry> files = new ConcurrentSkipListMap<>();
    private final Map<String, ApiToken> tokens = new ConcurrentSkipListMap<>();
    private volatile Preferences preferences = Preferences.DEFAULT;
    private volatile ClusterSettings cluster = ClusterSettings.NONE;
    private final Map<String, Member> members = new ConcurrentSkipListMap<>();

    public Result apply(Command command) {
        return switch (command) {
            case Command.PutSubnet c -> putSubnet(c.subnet());
            case Command.DeleteSubnet c -> remove(subnets, c.name(), "subnet");
            case Command.PutReservation c -> putReservation(c.reservation());
            case Command.DeleteReservation c -> deleteReservation(c.mac());
            case Command.BindLease c -> reservedToOther(c.address(), c.mac())
                    .<Result>map(owner -> new Result.Refused(Refusal.CONFLICT, c.address() + " is reserved for " + owner))
                    .orElseGet(() -> leases.bind(c));
            case Command.ReleaseLease c -> leases.release(c);
            case Command.DeclineLease c -> leases.decline(c);
            case Command.PurgeLeases c -> leases.purge(c.endedBefore());
            case Command.DeleteLease c -> leases.delete(c.address());
            case Command.PutMachine c -> putMachine(c.machine());
            case Command.DeleteMachine c -> machines.delete(c.id());
            case Command.PutBootEnv c -> putBootEnv(c.bootEnv());
            case Command.DeleteBootEnv c -> deleteBootEnv(c.name());
            case Command.PutTemplate c -> put(templates, c.template().name(), c.template());
            case Command.DeleteTemplate c -> deleteTemplate(c.name());
            case Command.PutParam c -> put(params, c.name(), c.value());
            case Command.DeleteParam c -> remove(params, c.name(), "param");
            case Command.PutPreferences c -> putPreferences(c.preferences());
            case Command.PutFile c -> put(files, c.file().path(), c.file());
            case Command.DeleteFile c -> remove(files, c.path(), "file");
            case Command.PutToken c -> put(tokens, c.token().id(), c.token());
            case Command.DeleteToken c -> remove(tokens, c.id(), "token");
            case Command.PutClusterSettings c -> {
                cluster = c.settings();
                yield Result.OK;
            }
            case Command.PutMember c -> put(members, c.member().id(), c.member());
            case Command.DeleteMember c -> remove(members, c.id(), "member");
            case Command.Batch c -> {
                List<Result> results = new ArrayList<>(c.commands().size());
                for (Command each : c.commands()) results.add(apply(each));
                yield new Result.Batched(results);
            }
        };
    }

    private Result putSubnet(Subnet subnet) {
        for (Subnet other : subnets.values())
            if (!other.name().equals(subnet.name()) && other.cidr().overlaps(subnet.cidr()))
                return new Result.Refused(Refusal.CONFLICT, "subnet " + subnet.cidr() + " overlaps subnet '"
                        + other.name() + "' (" + other.cidr() + ")");
        return put(subnets, subnet.name(), subnet);
    }

    private Result putReservation(Reservation reservation) {
        Optional<String> owner = reservedToOther(reservation.address(), reservation.mac());
        if (owner.isPresent())
            return new Result.Refused(Refusal.CONFLICT, reservation.address() + " is already reserved for " + owner.get());
        Reservation old = reservations.put(reservation.mac(), reservation);
        if (old != null) reservedAddresses.remove(old.address(), old.mac());
        reservedAddresses.put(reservation.address(), reservation.mac());
        return Result.OK;
    }

    private Result deleteReservation(Mac mac) {
        Reservation old = reservations.remove(mac);
        if (old == null) return new Result.Refused(Refusal.NOT_FOUND, "reservation '" + mac + "' does not exist");
        reservedAddresses.remove(old.address(), mac);
        return Result.OK;
    }

    private Result putMachine(Machine machine) {
        if (machine.bootEnv() != null && !bootEnvs.containsKey(machine.bootEnv()))
            return new Result.Refused(Refusal.INVALID, "boot environment '" + machine.bootEnv() + "' does not exist");
        if (machine.address() != null)
            for (Mac mac : machine.macs()) {
                Optional<String> owner = reservedToOther(machine.address(), mac);
                if (owner.isPresent() && !owner.get().equals("machine " + machine.name()))
                    return new Result.Refused(Refusal.CONFLICT, machine.address() + " is already reserved for " + owner.get());
            }
        return machines.put(machine);
    }

    private Result putBootEnv(BootEnv bootEnv) {
        for (String template : bootEnv.templates().values())
            if (!templates.containsKey(template))
                return new Result.Refused(Refusal.INVALID, "template '" + template + "' does not exist");
        return put(bootEnvs, bootEnv.name(), bootEnv);
    }

    private Result deleteBootEnv(String name) {
        Optional<Machine> user = machines.all().stream().filter(m -> name.equals(m.bootEnv())).findFirst();
        if (user.isPresent())
            return new Result.Refused(Refusal.CONFLICT, "boot environment '" + name + "' is used by machine '"
                    + user.get().name() + "'");
        if (name.equals(preferences.unknownBootEnv()) || name.equals(preferences.defaultBootEnv()))
            return new Result.Refused(Refusal.CONFLICT, "boot environment '" + name + "' is named in the preferences");
        return remove(bootEnvs, name, "boot environment");
    }

    private Result deleteTemplate(String name) {
        for (BootEnv env : bootEnvs.values())
            if (env.templates().containsValue(name))
                return new Result.Refused(Refusal.CONFLICT, "template '" + name + "' is used by boot environment '"
                        + env.name() + "'");
        return remove(templates, name, "template");
    }

    private Result putPreferences(Preferences next) {
        for (String env : List.of(next.unknownBootEnv(), next.defaultBootEnv()))
            if (!bootEnvs.containsKey(env))
                return new Result.Refused(Refusal.INVALID, "boot environment '" + env + "' does not exist");
        preferences = next;
        return Result.OK;
    }

    /** Who else an address is set aside for: a reservation or a machine with a fixed address. */
    private Optional<String> reservedToOther(Ipv4 address, Mac mac) {
        Mac reservedFor = reservedAddresses.get(address);
        if (reservedFor != null && !reservedFor.equals(mac)) return Optional.of(reservedFor.toString());
        return machines.byAddress(address).filter(m -> !m.macs().contains(mac)).map(m -> "machine " + m.name());
    }

    private static <K, V> Result put(Map<K, V> map, K key, V value) {
        map.put(key, value);
        return Result.OK;
    }

    private static <K, V> Result remove(Map<K, V> map, K key, String what) {
        return map.remove(key) != null ? Result.OK
                : new Result.Refused(Refusal.NOT_FOUND, what + " '" + key + "' does not exist");
    }

    // --- reads (any thread) ---

    public Collection<Subnet> subnets() { return subnets.values(); }
    public Optional<Subnet> subnet(String name) { return Optional.ofNullable(subnets.get(name)); }
    public Optional<Subnet> subnetContaining(Ipv4 address) {
        return subnets.values().stream().filter(s -> s.cidr().contains(address)).findFirst();
    }
    public Collection<Reservation> reservations() { return reservations.values(); }
    public Optional<Reservation> reservation(Mac mac) { return Optional.ofNullable(reservations.get(mac)); }
    public Collection<Lease> leases() { return leases.all(); }
    public Optional<Lease> leaseByAddress(Ipv4 address) { return leases.byAddress(address); }
    public Optional<Lease> leaseByClient(String clientId) { return leases.byClient(clientId); }
    public Collection<Machine> machines() { return machines.all(); }
    public Optional<Machine> machine(UUID id) { return machines.byId(id); }
    public Optional<Machine> machineByMac(Mac mac) { return machines.byMac(mac); }
    public Optional<Machine> machineByName(String name) { return machines.byName(name); }
    public Optional<Machine> machineByAddress(Ipv4 address) { return machines.byAddress(address); }
    public Collection<BootEnv> bootEnvs() { return bootEnvs.values(); }
    public Optional<BootEnv> bootEnv(String name) { return Optional.ofNullable(bootEnvs.get(name)); }
    public Collection<Template> templates() { return templates.values(); }
    public Optional<Template> template(String name) { return Optional.ofNullable(templates.get(name)); }
    public Map<String, String> params() { return params; }
    public Preferences preferences() { return preferences; }
    public Collection<FileEntry> files() { return files.values(); }
    public Optional<FileEntry> file(String path) { return Optional.ofNullable(files.get(path)); }
    public Collection<ApiToken> tokens() { return tokens.values(); }
    public ClusterSettings cluster() { return cluster; }
    public Collection<Member> members() { return members.values(); }
    public Optional<Member> member(String id) { return Optional.ofNullable(members.get(id)); }

    /** True when the address is reserved (reservation or machine) for someone other than mac. */
    public boolean isReservedForOther(Ipv4 address, Mac mac) {
        return reservedToOther(address, mac).isPresent();
    }

    // --- snapshots ---

    public StateSnapshot snapshot() {
        return new StateSnapshot(List.copyOf(subnets.values()), List.copyOf(reservations.values()),
                List.copyOf(leases.all()), List.copyOf(machines.all()), List.copyOf(bootEnvs.values()),
                List.copyOf(templates.values()), Map.copyOf(params), preferences, List.copyOf(files.values()),
                List.copyOf(tokens.values()), cluster, List.copyOf(members.values()));
    }

    /** Replaces everything with the snapshot's content (installing a snapshot, or loading one at start). */
    public void restore(StateSnapshot s) {
        subnets.clear();
        reservations.clear();
        reservedAddresses.clear();
        leases.clear();
        machines.clear();
        bootEnvs.clear();
        templates.clear();
        params.clear();
        files.clear();
        tokens.clear();
        s.subnets().forEach(x -> subnets.put(x.name(), x));
        s.reservations().forEach(x -> {
            reservations.put(x.mac(), x);
            reservedAddresses.put(x.address(), x.mac());
        });
        s.leases().forEach(leases::put);
        s.machines().forEach(machines::put);
        s.bootEnvs().forEach(x -> bootEnvs.put(x.name(), x));
        s.templates().forEach(x -> templates.put(x.name(), x));
        params.putAll(s.params());
        preferences = s.preferences();
        s.files().forEach(x -> files.put(x.path(), x));
        s.tokens().forEach(x -> tokens.put(x.id(), x));
        cluster = s.cluster();
        members.clear();
        s.members().forEach(x -> members.put(x.id(), x));
    }
}
