/**
 * Cluster membership: init, join, remove, transfer, and the cluster's health as operators and nodes see it.
 *
 * <h2>Two records of who is in the cluster</h2>
 * The Raft configuration (voters and listeners, in Ratis) decides who votes and what a majority is; it is
 * changed only through {@link io.pharos.node.raft.RaftNode#addPeer} / {@code removePeer} on the leader, one
 * change at a time. The {@code Member} records in the replicated state say how to reach each node's HTTP
 * and which release it runs; they are written after the configuration changed. An observer is a Raft
 * listener: it receives every entry and never votes or leads.
 *
 * <h2>Joining</h2>
 * {@link io.pharos.node.cluster.ClusterJoin} runs before any service: GET ACTIVE/api/v1/cluster/info with the
 * cluster token, check {@link io.pharos.node.cluster.Compatibility}, set aside local data only with --force,
 * start the Raft server with the group's peers (itself as a listener when an observer, RATIS-NOTES pitfall
 * 4), POST /members (the leader adds it; Ratis commits the new configuration only after the new member
 * caught up), keep the token in DATA/cluster/token, wait until applied. A restart with the same token
 * resumes instead of joining again. A node that lost its data rejoins with {@code fresh}: the leader removes
 * its old self first, because a voter that forgot what it acknowledged must not count towards a majority.
 *
 * <h2>Who may call what</h2>
 * {@link io.pharos.node.cluster.ClusterAccess}: API tokens as everywhere; the cluster token
 * ({@code Bearer cluster.<token>}, {@link io.pharos.node.cluster.ClusterAuth}) may read and join. Routes only
 * the leader can answer are forwarded to it with the caller's own credentials, at most once.
 *
 * <h2>Failover-safe</h2>
 * At least one voter other than the active holds the whole committed log (match index = commit index, and
 * it answered the leader recently) and every blob (its {@link io.pharos.node.cluster.MissingBlobCount}, asked
 * over GET /local). {@link io.pharos.node.cluster.FailoverSafetyCheck} decides; the leader gathers.
 */
package io.pharos.node.cluster;
