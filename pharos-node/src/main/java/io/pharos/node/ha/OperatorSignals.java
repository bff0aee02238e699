package io.pharos.node.ha;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Switchover by signal, for operators without the API at hand: {@code kill -USR2 PID} on the active node makes
 * it step down (leadership goes to the most caught-up peer); {@code kill -USR1 PID} on a passive node asks for
 * leadership to move to it. sun.misc.Signal is in jdk.unsupported, readable without flags; HotSpot leaves
 * USR1 and USR2 to the application on Linux.
 */
public final class OperatorSignals {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorSignals.class);

    private OperatorSignals() {}

    /** Routes SIGUSR2 and SIGUSR1 to the controller; returns false (and logs why) where signals are unavailable. */
    public static boolean install(HaController controller) {
        return install(() -> controller.stepDown("SIGUSR2"), () -> controller.requestActive("SIGUSR1"));
    }

    static boolean install(Runnable stepDown, Runnable becomeActive) {
        try {
            Signal.handle(new Signal("USR2"), signal -> {
                LOG.info("HA_SIGNAL_STEP_DOWN SIGUSR2 received: stepping down if this node is active");
                stepDown.run();
            });
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
}
