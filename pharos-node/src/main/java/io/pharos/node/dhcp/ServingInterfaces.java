package io.pharos.node.dhcp;

import io.pharos.core.net.Ipv4;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Finds the interface addresses to serve: the named interfaces, or every up non-loopback IPv4 one. */
final class ServingInterfaces {
    private ServingInterfaces() {
    }

    /** Throws IllegalArgumentException listing every named interface that cannot be served, and why. */
    static List<ServingAddress> resolve(List<String> names) throws SocketException {
        List<ServingAddress> out = new ArrayList<>();
        if (names.isEmpty()) {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces()))
                if (nic.isUp() && !nic.isLoopback()) out.addAll(addresses(nic));
            return List.copyOf(out);
        }
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic == null) problems.add("interface '" + name + "' does not exist (list them with `ip -br addr`)");
            else if (!nic.isUp()) problems.add("interface '" + name + "' is down (bring it up with `ip link set " + name + " up`)");
            else if (addresses(nic).isEmpty()) problems.add("interface '" + name + "' has no IPv4 address (DHCP needs one to answer from)");
            else out.addAll(addresses(nic));
        }
        if (!problems.isEmpty())
            throw new IllegalArgumentException("DHCP_INTERFACE_INVALID --dhcp-interfaces: " + String.join("; ", problems));
        return List.copyOf(out);
    }

    /** The interface holding this address, when the server listens on one address only. */
    static ServingAddress holding(Ipv4 address) throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces()))
            for (ServingAddress serving : addresses(nic))
                if (serving.address().equals(address)) return serving;
        throw new IllegalArgumentException("DHCP_INTERFACE_INVALID no interface has the address " + address
                + " given in --dhcp-address; use an address of this host or 0.0.0.0");
    }

    private static List<ServingAddress> addresses(NetworkInterface nic) {
        List<ServingAddress> out = new ArrayList<>();
        for (InterfaceAddress address : nic.getInterfaceAddresses())
            if (address.getAddress() instanceof Inet4Address v4)
                out.add(new ServingAddress(nic.getName(), Ipv4.of(v4.getAddress(), 0), address.getNetworkPrefixLength()));
        return out;
    }
}
