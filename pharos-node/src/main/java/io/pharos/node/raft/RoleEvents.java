package io.pharos.node.raft;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands role changes to listeners on one thread of their own, in the order Ratis reported them, so a slow
 * listener (adding a VIP, starting services) never holds a Ratis thread.
 */
final class RoleEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoleEvents.class);

    private final String nodeId;
    private final List<Consumer<RaftRole>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery;
    private RaftRole current = RaftRole.NO_LEADER;

    RoleEvents(String nodeId) {
        this.nodeId = nodeId;
        this.delivery = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pharos-raft-role-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    synchronized RaftRole current() {
        return current;
    }

    synchronized void publish(RaftRole role, String detail) {
        if (role == current) return;
        RaftRole previous = current;
        current = role;
        LOG.info("RAFT_ROLE_CHANGED node={} from={} to={} {}", nodeId, previous, role, detail);
        run(() -> listeners.forEach(listener -> deliver(listener, role)));
    }

    /** The new listener hears the current role first, then every change. */
    synchronized void add(Consumer<RaftRole> listener) {
        listeners.add(listener);
        RaftRole now = current;
        run(() -> deliver(listener, now));
    }

    private void run(Runnable task) {
        try {
            delivery.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("role event after close dropped", e);
        }
    }

    private void deliver(Consumer<RaftRole> listener, RaftRole role) {
        try {
            listener.accept(role);
        } catch (RuntimeException e) {
            LOG.error("RAFT_ROLE_LISTENER_FAILED node={} role={}: a role listener threw; fix the listener, "
                    + "the node may not have acted on this role change", nodeId, role, e);
        }
    }

    @Override
    public void close() {
        delivery.shutdown();
    }
}
