package io.pharos.node.api;

import io.pharos.core.model.Subnet;
import io.pharos.core.state.State;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease-time warning in the log: for a subnet as the API writes it, and for the subnets already stored
 * (created before, or replicated from another node) when a node starts serving DHCP.
 */
public final class LeaseTimeWarnings {
    /** The subnets API's logger: where operators (and the tests) find this warning whichever path logs it. */
    private static final Logger LOG = LoggerFactory.getLogger(SubnetsApi.class);

    private LeaseTimeWarnings() {}

    public static void log(State state) {
        for (Subnet subnet : state.subnets()) log(subnet);
    }

    /** Logs the subnet's lease-time warnings; returns them (empty when its lease time is safe). */
    static List<String> log(Subnet subnet) {
        List<String> warnings = SubnetValidator.warnings(subnet);
        warnings.forEach(w -> LOG.warn("DHCP_LEASE_TIME_UNSAFE subnet '{}': {}", subnet.name(), w));
        return warnings;
    }
}
