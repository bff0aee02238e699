package io.pharos.protocols.dhcp;

import io.pharos.core.net.Cidr;
import io.pharos.core.net.Ipv4;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Option 121 (RFC 3442 §3): per route, the prefix length, only the significant octets of the destination,
 * then the router. A client that gets option 121 ignores option 3 (RFC 3442 §4), so a default route
 * belongs in this list too.
 */
final class ClasslessRoutes {
    private ClasslessRoutes() {
    }

    /** Each route is "destination/prefix router", e.g. "10.1.0.0/16 10.0.0.1". */
    static byte[] encode(List<String> routes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String route : routes) {
            String[] parts = route.trim().split("\\s+");
            if (parts.length != 2) throw new IllegalArgumentException("route '" + route + "' is not 'destination/prefix router'");
            Cidr destination = Cidr.parse(parts[0]);
            Ipv4 router = Ipv4.parse(parts[1]);
            out.write(destination.prefix());
            out.write(destination.network().toBytes(), 0, significantOctets(destination.prefix()));
            out.writeBytes(router.toBytes());
        }
        return out.toByteArray();
    }

    static Optional<List<String>> decode(byte[] data) {
        List<String> routes = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            int prefix = data[i] & 0xff;
            if (prefix > 32) return Optional.empty();
            int octets = significantOctets(prefix);
            if (i + 1 + octets + 4 > data.length) return Optional.empty();
            byte[] network = new byte[4];
            System.arraycopy(data, i + 1, network, 0, octets);
            Ipv4 destination = Ipv4.of(network, 0);
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            if ((destination.bits() & ~mask) != 0) return Optional.empty();
            routes.add(destination + "/" + prefix + " " + Ipv4.of(data, i + 1 + octets));
            i += 1 + octets + 4;
        }
        return routes.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(routes));
    }

    private static int significantOctets(int prefix) {
        return (prefix + 7) / 8;
    }
}
