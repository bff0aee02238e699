package io.pharos.node.raft;

import org.apache.ratis.util.ExitUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Left alone, Ratis ends the whole JVM in two cases: its gRPC port cannot be bound (GrpcServicesImpl calls
 * System.exit), and any thread of the process throws an uncaught exception (ExitUtils installs a JVM-wide
 * handler the first time it is used). Pharos must instead report the port and keep its other services
 * up, so exits become exceptions and the JVM-wide handler stays whoever's it was, or one that logs.
 * Ratis's own threads catch their failures and close the Raft server, so nothing relies on the exit.
 */
final class RatisProcessGuard {
    private static final Logger LOG = LoggerFactory.getLogger(RatisProcessGuard.class);
    private static final Thread.UncaughtExceptionHandler LOGGING = (thread, e) -> LOG.error(
            "UNCAUGHT_EXCEPTION thread={}: {}; this is a bug, please report it with this log", thread.getName(), e, e);

    private RatisProcessGuard() {}

    static synchronized void install() {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        ExitUtils.disableSystemExit();
        ExitUtils.setTerminateOnUncaughtException(false);
        Thread.setDefaultUncaughtExceptionHandler(before != null && !isRatis(before) ? before : LOGGING);
    }

    private static boolean isRatis(Thread.UncaughtExceptionHandler handler) {
        return handler.getClass().getName().startsWith("org.apache.ratis.");
    }
}
