package io.pharos.node.ha;

import io.pharos.node.raft.RaftSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The failover clock. The defaults fit {@link RaftSettings.Timing#DEFAULT} (election timeouts 300–600 ms):
 * <ul>
 *   <li>a lease confirmation starts every {@code renewInterval} (50 ms), so one lost or slow round (up to
 *       ~100 ms) does not end the lease;</li>
 *   <li>a confirmed lease lasts {@code leaseDuration} (250 ms) from the round's start, below the 300 ms
 *       minimum election timeout: followers that acknowledged the round withhold their pre-vote until then;</li>
 *   <li>the active stops serving and drops the VIP {@code dropMargin} (40 ms: a tick plus one {@code ip}
 *       call) before its lease ends;</li>
 *   <li>a new leader waits {@code leaseDuration + takeoverGrace} (350 ms) after it is elected before it adds
 *       the VIP: every lease the old leader confirmed began before that election, so it has ended by then,
 *       and {@code takeoverGrace} covers the old node's watchdog running {@code ip addr del}.</li>
 * </ul>
 * A failover thus takes the election (tens of ms when the old leader's port closed, see
 * io.pharos.node.raft.LeaderCrashWatch; else the election timeout, 0.3–0.6 s) + 0.35 s + the services' start.
 *
 * @param tick               how often the controller looks at the clock and the Raft role
 * @param maxConfirmsInFlight lease rounds outstanding at once
 * @param vipLifetime        the kernel's valid_lft for the VIP, renewed every {@code vipRenewInterval}: the
 *                           last backstop when both the JVM and the watchdog are frozen (whole seconds)
 * @param unhealthyReports   consecutive unhealthy reports that make the active step down
 * @param stepDownTimeout    how long a leadership transfer may take before the node gives up and serves again
 * @param holdOff            after a failed step-down, how long the node waits before it activates again
 * @param leasePatience      a leader that cannot confirm its lease for this long while fencing hands over
 */
public record HaTiming(Duration tick, Duration renewInterval, int maxConfirmsInFlight, Duration leaseDuration,
                       Duration dropMargin, Duration takeoverGrace, Duration vipRenewInterval, Duration vipLifetime,
                       Duration healthInterval, int unhealthyReports, Duration stepDownTimeout, Duration holdOff,
                       Duration fenceTimeout, Duration fenceRetry, Duration leasePatience) {
    public static final HaTiming DEFAULT = new HaTiming(Duration.ofMillis(10), Duration.ofMillis(50), 4,
            Duration.ofMillis(250), Duration.ofMillis(40), Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(3), Duration.ofSeconds(1), 2, Duration.ofSeconds(3), Duration.ofSeconds(2),
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5));

    /** Time a new leader waits before it serves: the longest lease its predecessor can still hold, and then some. */
    public Duration takeoverWait() {
        return leaseDuration.plus(takeoverGrace);
    }

    /** Every rule these timings break against the Raft timing, each with its fix; empty when consistent. */
    public List<String> problems(RaftSettings.Timing raft) {
        List<String> errors = new ArrayList<>();
        if (leaseDuration.compareTo(raft.rpcTimeoutMin()) >= 0)
            errors.add("the HA lease " + leaseDuration.toMillis() + " ms must be shorter than the minimum election "
                    + "timeout " + raft.rpcTimeoutMin().toMillis() + " ms, or another node could be elected while "
                    + "this one still serves: lower the lease or raise the election timeout");
        if (dropMargin.plus(renewInterval).compareTo(leaseDuration) >= 0)
            errors.add("renew interval " + renewInterval.toMillis() + " ms + drop margin " + dropMargin.toMillis()
                    + " ms must be below the lease " + leaseDuration.toMillis() + " ms, or the lease lapses between "
                    + "renewals: renew more often");
        if (tick.compareTo(dropMargin) >= 0)
            errors.add("the tick " + tick.toMillis() + " ms must be below the drop margin " + dropMargin.toMillis()
                    + " ms, or a lease can run out between two looks at the clock");
        if (vipLifetime.toSeconds() < 1 || vipLifetime.compareTo(vipRenewInterval.multipliedBy(2)) < 0)
            errors.add("the VIP lifetime " + vipLifetime + " must be whole seconds and at least twice its renew "
                    + "interval " + vipRenewInterval);
        if (maxConfirmsInFlight < 1 || unhealthyReports < 1)
            errors.add("confirmations in flight and unhealthy reports must be at least 1");
        return errors;
    }
}
