package io.pharos.node.ha;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Switchover by signal, for operators without the API at hand: {@code kill -USR2 PID} on the active node makes
 * it step down (leadership goes to the most caught-up peer); {@code kill -USR1 PID} on a passive node asks for
 * leadership to move to it. sun.misc.Signal is in jdk.unsupported, readable without flags.
 *
 * <p>HotSpot on Linux suspends threads with SIGUSR2 (JFR's method sampling, profilers) unless the environment
 * variable {@code _JAVA_SR_SIGNUM} names another signal: a handler on SIGUSR2 would then take every sample
 * for an operator's step-down. {@code ./pharos} sets it; without it only SIGUSR1 is taken.
 */
public final class OperatorSignals {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorSignals.class);
    private static final int SIGUSR2 = 12;

    private OperatorSignals() {}

    /** Routes SIGUSR2 and SIGUSR1 to the controller; returns false (and logs why) where signals are unavailable. */
    public static boolean install(HaController controller) {
        return install(() -> controller.stepDown("SIGUSR2"), () -> controller.requestActive("SIGUSR1"),
                System.getenv("_JAVA_SR_SIGNUM"));
    }

    /** @param suspendSignal the value of {@code _JAVA_SR_SIGNUM}, null when unset */
    static boolean install(Runnable stepDown, Runnable becomeActive, String suspendSignal) {
        try {
            if (jvmLeavesUsr2(suspendSignal)) {
                Signal.handle(new Signal("USR2"), signal -> {
                    LOG.info("HA_SIGNAL_STEP_DOWN SIGUSR2 received: stepping down if this node is active");
                    stepDown.run();
                });
            } else {
                LOG.warn("HA_SIGNAL_USR2_UNAVAILABLE this JVM suspends its threads with SIGUSR2, so SIGUSR2 does not step"
                        + " down; start through ./pharos or set _JAVA_SR_SIGNUM=36, or use `pharos cluster transfer`");
            }
            Signal.handle(new Signal("USR1"), signal -> {
                LOG.info("HA_SIGNAL_ACTIVATE SIGUSR1 received: asking for this node to become active");
                becomeActive.run();
            });
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warn("HA_SIGNALS_UNAVAILABLE {}: use the API or `pharos cluster` to switch over instead", e.getMessage());
            return false;
        }
    }

    /** Whether HotSpot's suspend signal was moved off SIGUSR2 (an unparsable value leaves it there). */
    static boolean jvmLeavesUsr2(String suspendSignal) {
        if (suspendSignal == null) return false;
        try {
            return Integer.parseInt(suspendSignal.trim()) != SIGUSR2;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
