package io.pharos.core.model;

/**
 * A node of the cluster as the other nodes know it: where its Raft and HTTP endpoints are, and whether it
 * votes. The Raft configuration itself lives in Ratis; this copy lets any node show and reach its peers.
 *
 * @param observer a non-voting node that replicates everything and never becomes active
 */
public record Member(String id, String raftAddress, String httpAddress, boolean observer, String version) {}
