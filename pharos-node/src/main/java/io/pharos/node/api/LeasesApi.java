package io.pharos.node.api;

import io.pharos.core.command.Command;
import io.pharos.core.model.Lease;
import io.pharos.core.net.Ipv4;
import io.pharos.core.state.State;
import java.util.List;
import java.util.Optional;

/** /leases: addresses bound to clients. Leases are made by DHCP; the API only reads and forgets them. */
final class LeasesApi {
    private final State state;
    private final CommandWriter writer;

    LeasesApi(State state, CommandWriter writer) {
        this.state = state;
        this.writer = writer;
    }

    void register(Router router) {
        router.add("GET", "/leases", this::list);
        router.add("GET", "/leases/{address}", r -> {
            Ipv4 address = Addresses.ipv4InPath(r.path("address"));
            return Reply.ok(state.leaseByAddress(address).orElseThrow(() -> ApiException.notFound("no lease on "
                    + address + "; list leases with GET /api/v1/leases")));
        });
        router.add("DELETE", "/leases/{address}", r -> {
            writer.write(new Command.DeleteLease(Addresses.ipv4InPath(r.path("address"))), r.actor());
            return Reply.noContent();
        });
    }

    private Reply list(ApiRequest request) {
        Optional<String> subnet = request.query("subnet");
        if (subnet.isEmpty()) return Reply.ok(state.leases());
        if (state.subnet(subnet.get()).isEmpty())
            throw ApiException.notFound("subnet '" + subnet.get() + "' does not exist; list subnets with GET /api/v1/subnets");
        List<Lease> leases = state.leases().stream().filter(l -> subnet.get().equals(l.subnet())).toList();
        return Reply.ok(leases);
    }
}
