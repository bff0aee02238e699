package io.pharos.core.model;

import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import java.util.Map;

/** A fixed address for one hardware address, with an optional hostname and extra DHCP options. */
public record Reservation(Mac mac, Ipv4 address, String hostname, Map<String, String> options) {
    public Reservation {
        options = Maps.sortedCopy(options);
    }
}
