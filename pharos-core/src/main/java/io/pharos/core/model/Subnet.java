package io.pharos.core.model;

import io.pharos.core.net.Cidr;
import io.pharos.core.net.IpRange;
import io.pharos.core.net.Ipv4;
import java.util.List;
import java.util.Map;

/**
 * A network Pharos hands out addresses in. Options are named DHCP options (or numbers) with text values,
 * validated by the DHCP option catalog before they reach the log; the map is kept sorted for determinism.
 *
 * @param nextServer the TFTP/boot server announced in siaddr; null means "this server" (the VIP later)
 */
public record Subnet(String name, Cidr cidr, List<IpRange> ranges, long leaseSeconds,
                     Map<String, String> options, Ipv4 nextServer) {
    public Subnet {
        ranges = List.copyOf(ranges);
        options = Maps.sortedCopy(options);
    }

    public boolean inRanges(Ipv4 address) {
        for (IpRange range : ranges) if (range.contains(address)) return true;
        return false;
    }
}
