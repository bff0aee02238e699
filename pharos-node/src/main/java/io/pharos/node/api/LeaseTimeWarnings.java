package io.pharos.node.api;

import io.pharos.core.model.Subnet;
import io.pharos.core.state.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease-time warning for subnets already stored (created before, or replicated from another node), logged
 * when a node starts serving DHCP; the API gives the same warning when a subnet is written.
 */
public final class LeaseTimeWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(SubnetsApi.class);

    private LeaseTimeWarnings() {}

    public static void log(State state) {
        for (Subnet subnet : state.subnets())
            SubnetValidator.warnings(subnet).forEach(w -> LOG.warn("DHCP_LEASE_TIME_UNSAFE subnet '{}': {}", subnet.name(), w));
    }
}
