package io.pharos.node.api;

import io.pharos.core.model.Machine;
import io.pharos.core.model.Reservation;
import io.pharos.core.model.Subnet;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks shared by reservations and machines: fixed addresses, hostnames, MACs and IPs in paths. */
final class Addresses {
    /** RFC 1123 §2.1 host names: labels of letters, digits and hyphens, not starting or ending with a hyphen. */
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private Addresses() {}

    /** A fixed address must be a usable host address of a known subnet. */
    static void checkFixed(Problems problems, String field, Ipv4 address, State state) {
        Optional<Subnet> subnet = state.subnetContaining(address);
        if (subnet.isEmpty()) {
            Collection<Subnet> all = state.subnets();
            problems.add(field, address + " is in no subnet; " + (all.isEmpty() ? "create a subnet first (POST /api/v1/subnets)"
                    : "use an address inside " + all.stream().map(s -> s.name() + " (" + s.cidr() + ")")
                    .collect(Collectors.joining(", ")) + " or create a subnet for it"));
            return;
        }
        var cidr = subnet.get().cidr();
        if (cidr.prefix() <= 30 && (address.equals(cidr.network()) || address.equals(cidr.broadcast())))
            problems.add(field, address + " is the network or broadcast address of " + cidr + "; choose a host address");
    }

    static void checkHostname(Problems problems, String field, String hostname) {
        if (hostname != null && !HOSTNAME.matcher(hostname).matches())
            problems.add(field, "'" + hostname + "' is not a host name (RFC 1123): use letters, digits and '-' in"
                    + " dot-separated labels of up to 63 characters");
    }

    /** Who other than mac has address set aside, in words, if anyone. */
    static Optional<String> reservedForOther(State state, Ipv4 address, List<Mac> macs) {
        for (Reservation r : state.reservations())
            if (r.address().equals(address) && !macs.contains(r.mac())) return Optional.of("the reservation of " + r.mac());
        Optional<Machine> machine = state.machineByAddress(address);
        if (machine.isPresent() && machine.get().macs().stream().noneMatch(macs::contains))
            return Optional.of("machine '" + machine.get().name() + "'");
        return Optional.empty();
    }

    static Mac macInPath(String text) {
        try {
            return Mac.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("path: " + e.getMessage());
        }
    }

    static Ipv4 ipv4InPath(String text) {
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("path: " + e.getMessage() + " (expected e.g. 10.0.0.5)");
        }
    }
}
