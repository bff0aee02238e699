package io.pharos.node.dhcp;

import io.pharos.core.net.Ipv4;
import io.pharos.core.state.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which serving interface a packet from the wildcard socket belongs to. Without IP_PKTINFO the kernel does
 * not say, so: the only serving interface; else the only one with a configured subnet; else (ambiguous) the
 * first of those, which is why several directly served networks need relays or --dhcp-interfaces.
 * Within the chosen interface, the advertise address (the VIP) is preferred, then an address in a subnet.
 */
final class InterfaceAttribution {
    private final Map<String, List<ServingAddress>> byInterface = new LinkedHashMap<>();
    private final State state;
    private final Ipv4 advertise;

    InterfaceAttribution(List<ServingAddress> serving, State state, Ipv4 advertise) {
        for (ServingAddress address : serving)
            byInterface.computeIfAbsent(address.interfaceName(), k -> new ArrayList<>()).add(address);
        this.state = state;
        this.advertise = advertise;
    }

    /** The serving address to attribute a wildcard packet to; null when nothing is served directly. */
    ServingAddress forWildcard() {
        // The common case, asked for every packet: no need to look for the interfaces with a subnet.
        if (byInterface.size() == 1) return best(byInterface.values().iterator().next());
        List<List<ServingAddress>> candidates = interfacesWithSubnets();
        if (candidates.isEmpty()) candidates = List.copyOf(byInterface.values());
        if (candidates.isEmpty()) return null;
        return best(candidates.getFirst());
    }

    /** Names of the directly served interfaces that have a subnet, when there is more than one. */
    List<String> ambiguousInterfaces() {
        List<List<ServingAddress>> candidates = interfacesWithSubnets();
        return candidates.size() > 1 ? candidates.stream().map(list -> list.getFirst().interfaceName()).toList() : List.of();
    }

    private List<List<ServingAddress>> interfacesWithSubnets() {
        return byInterface.values().stream()
                .filter(addresses -> addresses.stream().anyMatch(a -> state.subnetContaining(a.address()).isPresent()))
                .toList();
    }

    private ServingAddress best(List<ServingAddress> addresses) {
        for (ServingAddress address : addresses) if (address.address().equals(advertise)) return address;
        for (ServingAddress address : addresses) if (state.subnetContaining(address.address()).isPresent()) return address;
        return addresses.getFirst();
    }
}
