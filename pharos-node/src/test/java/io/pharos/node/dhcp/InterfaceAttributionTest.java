package io.pharos.node.dhcp;

import static org.junit.jupiter.api.Assertions.*;

import io.pharos.core.command.Command;
import io.pharos.core.model.Subnet;
import io.pharos.core.net.Cidr;
import io.pharos.core.net.IpRange;
import io.pharos.core.net.Ipv4;
import io.pharos.core.state.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterfaceAttributionTest {
    static final ServingAddress ETH0 = new ServingAddress("eth0", Ipv4.parse("10.0.0.2"), 24);
    static final ServingAddress ETH0_VIP = new ServingAddress("eth0", Ipv4.parse("10.0.0.10"), 24);
    static final ServingAddress ETH1 = new ServingAddress("eth1", Ipv4.parse("192.168.1.2"), 24);
    final State state = new State();

    void subnet(String name, String cidr, String range) {
        state.apply(new Command.PutSubnet(new Subnet(name, Cidr.parse(cidr), List.of(IpRange.parse(range)), 600, Map.of(), null)));
    }

    @Test
    void theOnlyServedInterfaceTakesTheBroadcasts() {
        assertEquals(ETH1, new InterfaceAttribution(List.of(ETH1), state, null).forWildcard());
    }

    @Test
    void amongSeveralInterfacesTheOneWithASubnetTakesThem() {
        subnet("lan", "192.168.1.0/24", "192.168.1.100-192.168.1.200");
        InterfaceAttribution attribution = new InterfaceAttribution(List.of(ETH0, ETH1), state, null);
        assertEquals(ETH1, attribution.forWildcard());
        assertEquals(List.of(), attribution.ambiguousInterfaces());
    }

    @Test
    void severalInterfacesWithSubnetsAreReportedAsAmbiguous() {
        subnet("lan", "192.168.1.0/24", "192.168.1.100-192.168.1.200");
        subnet("lab", "10.0.0.0/24", "10.0.0.100-10.0.0.200");
        InterfaceAttribution attribution = new InterfaceAttribution(List.of(ETH0, ETH1), state, null);
        assertEquals(List.of("eth0", "eth1"), attribution.ambiguousInterfaces());
        assertEquals(ETH0, attribution.forWildcard());
    }

    @Test
    void theAdvertiseAddressIsPreferredOnItsInterface() {
        assertEquals(ETH0_VIP, new InterfaceAttribution(List.of(ETH0, ETH0_VIP), state, ETH0_VIP.address()).forWildcard());
    }

    @Test
    void nothingServedDirectlyMeansNoInterface() {
        assertNull(new InterfaceAttribution(List.of(), state, null).forWildcard());
    }
}
