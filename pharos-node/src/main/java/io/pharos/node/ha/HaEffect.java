package io.pharos.node.ha;

import java.util.Optional;
import org.slf4j.event.Level;

/** What the failover step function asks the controller to do, in order. */
public sealed interface HaEffect {
    /**
     * True for effects that take or keep what only a node with a valid lease may have; the controller checks
     * the lease again right before it performs one, in case time passed (a freeze) since the step.
     */
    default boolean acquires() {
        return false;
    }

    /** Start a lease round: commit an entry through this node as leader, reported back as started at {@code startedAt}. */
    record ConfirmLease(long startedAt) implements HaEffect {}

    /** Tell the watchdog process to keep {@code vip} until {@code holdUntil} (monotonic nanos) and no longer. */
    record FeedWatchdog(Vip vip, long holdUntil) implements HaEffect {
        @Override
        public boolean acquires() {
            return true;
        }
    }

    record AddVip(Vip vip) implements HaEffect {
        @Override
        public boolean acquires() {
            return true;
        }
    }

    /** Refresh the VIP's kernel lifetime (or run the hook's renew). */
    record RenewVip(Vip vip) implements HaEffect {
        @Override
        public boolean acquires() {
            return true;
        }
    }

    /** Release the watchdog's hold and remove the VIP. */
    record DropVip(Vip vip) implements HaEffect {}

    /** Gratuitous ARP, several spaced, so switches and clients learn the VIP's new MAC. */
    record AnnounceArp(Vip vip) implements HaEffect {
        @Override
        public boolean acquires() {
            return true;
        }
    }

    record StartServices() implements HaEffect {
        @Override
        public boolean acquires() {
            return true;
        }
    }

    record StopServices() implements HaEffect {}

    /** Ask {@link ActiveServices#health()} off the loop thread; answered by a HealthReported event. */
    record CheckHealth() implements HaEffect {}

    /** Run --fence-command against the previous active ({@code oldActive}, empty when unknown). */
    record RunFence(long episode, String oldActive) implements HaEffect {}

    /** Hand Raft leadership to {@code target}; empty: the most caught-up other voter. */
    record TransferLeadership(long episode, Optional<String> target) implements HaEffect {}

    /** A log line with a stable event ID. */
    record Log(Level level, String id, String message) implements HaEffect {}
}
