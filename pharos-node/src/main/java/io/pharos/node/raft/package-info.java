/**
 * The Apache Ratis adapter: the only package that imports {@code org.apache.ratis}.
 *
 * <h2>A write, end to end</h2>
 * <ol>
 *   <li>A service calls {@link io.pharos.node.raft.RaftNode#commandLog()}{@code .submit(command)}.</li>
 *   <li>{@link io.pharos.node.raft.BatchingCommandLog} queues it; when one of its in-flight slots is free, every
 *       command waiting goes as one log entry (a {@code Command.Batch} when more than one).</li>
 *   <li>{@link io.pharos.node.raft.RaftSubmitter} sends the entry with the async, ordered RaftClient; a follower
 *       is redirected to the leader; retries stop at the commit timeout.</li>
 *   <li>On the leader, {@link io.pharos.node.raft.PharosStateMachine#startTransaction} decodes the entry and
 *       turns away what does not decode, before it reaches the log.</li>
 *   <li>The entry is fsynced by a majority, committed, and applied on every node by
 *       {@code applyTransaction}: the same bytes, the same deterministic {@code State.apply}.</li>
 *   <li>The leader's reply carries the results; the submitter waits until this node has applied the entry
 *       (read your writes on a follower too), and the batching log completes each caller's future with its
 *       own result on its completion thread.</li>
 * </ol>
 *
 * <h2>Durability (checked in the Ratis 3.2.2 sources)</h2>
 * The leader's commit index is the majority of its followers' match indexes and its own flush index; a
 * follower acknowledges an append only once its log worker has flushed it; a flush is
 * {@code FileChannel.force(false)}. {@link io.pharos.node.raft.RatisProperties} pins unsafe-flush and
 * async-flush off so a changed default cannot weaken this. Snapshots are fsynced (file and directory)
 * before Ratis purges the log behind them.
 *
 * <h2>Roles</h2>
 * Ratis calls {@code notifyLeaderChanged} (a leader is known; it may be this node), {@code notifyLeaderReady}
 * (this leader committed an entry of its term) and {@code notifyNotLeader} (stepped down); these become
 * {@link io.pharos.node.raft.RaftRole} events. There is no call when a follower loses its leader, so the role
 * controller should also poll {@link io.pharos.node.raft.RaftNode#role()}.
 */
package io.pharos.node.raft;
