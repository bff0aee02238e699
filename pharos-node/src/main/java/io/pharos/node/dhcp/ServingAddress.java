package io.pharos.node.dhcp;

import io.pharos.core.net.Ipv4;

/** An IPv4 address of an interface the DHCP server serves directly; each gets its own socket. */
record ServingAddress(String interfaceName, Ipv4 address, int prefixLength) {
    @Override
    public String toString() {
        return interfaceName + " " + address + "/" + prefixLength;
    }
}
