package io.pharos.core.model;

import io.pharos.core.net.Ipv4;

/**
 * Cluster-wide settings, replicated like everything else so every node agrees on them.
 *
 * @param clusterId       names the cluster; a node joins only a cluster whose id it is given
 * @param vip             the virtual IP the active node holds (null: no VIP, e.g. behind a load balancer)
 * @param vipPrefix       the VIP's prefix length on the interface
 * @param joinTokenSha256 sha256 of the token a new node presents to join
 */
public record ClusterSettings(String clusterId, Ipv4 vip, int vipPrefix, String joinTokenSha256) {
    public static final ClusterSettings NONE = new ClusterSettings("", null, 32, "");

    public boolean initialised() {
        return !clusterId.isEmpty();
    }
}
