package io.pharos.core.state;

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
import java.util.List;
import java.util.Map;

/** Everything the replicated state holds, as plain sorted data: what a snapshot file stores. */
public record StateSnapshot(List<Subnet> subnets, List<Reservation> reservations, List<Lease> leases,
                            List<Machine> machines, List<BootEnv> bootEnvs, List<Template> templates,
                            Map<String, String> params, Preferences preferences, List<FileEntry> files,
                            List<ApiToken> tokens, ClusterSettings cluster, List<Member> members) {
    public StateSnapshot {
        subnets = List.copyOf(subnets);
        reservations = List.copyOf(reservations);
        leases = List.copyOf(leases);
        machines = List.copyOf(machines);
        bootEnvs = List.copyOf(bootEnvs);
        templates = List.copyOf(templates);
        params = io.pharos.core.model.Maps.sortedCopy(params);
        files = List.copyOf(files);
        tokens = List.copyOf(tokens);
        if (cluster == null) cluster = ClusterSettings.NONE;
        members = members == null ? List.of() : List.copyOf(members);
    }
}
