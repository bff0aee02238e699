package io.pharos.node.ha;

import io.pharos.node.raft.RaftNode;
import io.pharos.node.raft.RaftRole;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** What the HA controller needs from Raft; {@link #of(RaftNode)} is the real one, tests may run a real group. */
public interface HaRaft {
    String nodeId();

    RaftRole role();

    Optional<String> leaderId();

    /** Role changes, on a thread of Raft's; the listener first hears the current role. */
    void onRoleChange(Consumer<RaftRole> listener);

    /** Completes normally only after a fresh majority round trip confirmed this node as leader. */
    CompletableFuture<Void> confirmLeadership();

    /** On the leader: hands leadership to the most caught-up other voter; blocks until done or throws. */
    void handOver(Duration timeout) throws Exception;

    /** On a follower: asks the leader to hand leadership to this node; blocks until done or throws. */
    void requestLeadership(Duration timeout) throws IOException;

    static HaRaft of(RaftNode node) {
        return new HaRaft() {
            public String nodeId() {
                return node.nodeId();
            }

            public RaftRole role() {
                return node.role();
            }

            public Optional<String> leaderId() {
                return node.leaderId();
            }

            public void onRoleChange(Consumer<RaftRole> listener) {
                node.onRoleChange(listener);
            }

            public CompletableFuture<Void> confirmLeadership() {
                return node.confirmLeadership();
            }

            public void handOver(Duration timeout) {
                node.transferLeadership(null, timeout);
            }

            public void requestLeadership(Duration timeout) throws IOException {
                node.requestLeadership(timeout);
            }
        };
    }
}
