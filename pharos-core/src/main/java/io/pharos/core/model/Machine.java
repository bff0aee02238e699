package io.pharos.core.model;

import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A provisioned machine: identified by UUID, recognised by any of its MACs, booted into a boot environment.
 *
 * @param address an address to reserve for it, or null to lease from the pool
 * @param params  per-machine values that override global params in templates
 */
public record Machine(UUID id, String name, List<Mac> macs, Ipv4 address, String bootEnv,
                      Map<String, String> params) {
    public Machine {
        macs = List.copyOf(macs);
        params = Maps.sortedCopy(params);
    }
}
