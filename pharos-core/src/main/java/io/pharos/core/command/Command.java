package io.pharos.core.command;

import io.pharos.core.model.ApiToken;
import io.pharos.core.model.BootEnv;
import io.pharos.core.model.ClusterSettings;
import io.pharos.core.model.FileEntry;
import io.pharos.core.model.Machine;
import io.pharos.core.model.Member;
import io.pharos.core.model.Preferences;
import io.pharos.core.model.Reservation;
import io.pharos.core.model.Subnet;
import io.pharos.core.model.Template;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import java.util.List;
import java.util.UUID;

/**
 * Every change to Pharos state is one of these, appended to the replicated log and applied on every node.
 * Anything time- or choice-dependent (now, expiry, the chosen address) is a field, decided before proposing.
 */
public sealed interface Command {
    record PutSubnet(Subnet subnet) implements Command {}
    record DeleteSubnet(String name) implements Command {}

    record PutReservation(Reservation reservation) implements Command {}
    record DeleteReservation(Mac mac) implements Command {}

    /** Binds (or renews) address to client until expiresAt; refused if another client holds it. */
    record BindLease(Ipv4 address, Mac mac, String clientId, String hostname, String subnet,
                     long now, long expiresAt) implements Command {}
    record ReleaseLease(Ipv4 address, String clientId, long now) implements Command {}
    /** The client found the address in use (RFC 2131 §4.3.3): quarantine it until quarantineUntil. */
    record DeclineLease(Ipv4 address, String clientId, long now, long quarantineUntil) implements Command {}
    /** Forgets leases that ended before the given time, so the lease table does not grow forever. */
    record PurgeLeases(long endedBefore) implements Command {}
    record DeleteLease(Ipv4 address) implements Command {}

    record PutMachine(Machine machine) implements Command {}
    record DeleteMachine(UUID id) implements Command {}

    record PutBootEnv(BootEnv bootEnv) implements Command {}
    record DeleteBootEnv(String name) implements Command {}

    record PutTemplate(Template template) implements Command {}
    record DeleteTemplate(String name) implements Command {}

    record PutParam(String name, String value) implements Command {}
    record DeleteParam(String name) implements Command {}

    record PutPreferences(Preferences preferences) implements Command {}

    record PutFile(FileEntry file) implements Command {}
    record DeleteFile(String path) implements Command {}

    record PutToken(ApiToken token) implements Command {}
    record DeleteToken(String id) implements Command {}

    record PutClusterSettings(ClusterSettings settings) implements Command {}

    record PutMember(Member member) implements Command {}
    record DeleteMember(String id) implements Command {}

    /** Several commands in one log entry (group commit); each is applied and answered on its own. */
    record Batch(List<Command> commands) implements Command {
        public Batch {
            commands = List.copyOf(commands);
        }
    }
}
