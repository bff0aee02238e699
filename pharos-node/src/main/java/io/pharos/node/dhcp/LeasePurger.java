package io.pharos.node.dhcp;

import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
import io.pharos.core.model.Lease;
import io.pharos.core.state.State;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets leases that ended more than the retention ago, so the lease table does not grow without bound.
 * Runs on the active node only (it lives in the DHCP server, which runs only there); the time is decided
 * here and carried in the command (invariant 4). Proposes nothing when nothing is due.
 */
final class LeasePurger implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(LeasePurger.class);

    private final State state;
    private final CommandLog commandLog;
    private final Duration retention;
    private final Clock clock;

    LeasePurger(State state, CommandLog commandLog, Duration retention, Clock clock) {
        this.state = state;
        this.commandLog = commandLog;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            long endedBefore = clock.millis() - retention.toMillis();
            long due = state.leases().stream().filter(lease -> ended(lease, endedBefore)).count();
            if (due == 0) return;
            commandLog.submit(new Command.PurgeLeases(endedBefore)).whenComplete((result, error) -> {
                if (error != null)
                    log.warn("DHCP_PURGE_FAILED {} ended leases not purged: {}; will retry at the next interval", due, error.toString());
                else log.info("DHCP_LEASES_PURGED {} leases that ended before {}", due, endedBefore);
            });
        } catch (RuntimeException e) {
            log.error("DHCP_PURGE_FAILED looking for ended leases; will retry at the next interval", e);
        }
    }

    private static boolean ended(Lease lease, long endedBefore) {
        return lease.expiresAt() < endedBefore;
    }
}
