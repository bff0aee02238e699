package io.pharos.node.api;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the composition root tells the API about this node, for GET /status.
 *
 * @param role         this node's failover state and Raft role, e.g. "active (raft leader-ready)" (asked on each request)
 * @param appliedIndex the index of the last log entry applied to the local state
 */
public record NodeStatus(String nodeId, String version, Supplier<String> role, LongSupplier appliedIndex) {}
