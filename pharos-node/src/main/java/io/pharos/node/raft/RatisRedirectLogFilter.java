package io.pharos.node.raft;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the Ratis client's ERROR (with a stack trace) for an ordinary redirect to the leader or a leader that
 * is not ready yet (RATIS-NOTES pitfall 5): the client retries by itself, and operators would take the
 * message for a fault. Real failures still show, as our own RAFT_* events and as other Ratis errors.
 */
public final class RatisRedirectLogFilter extends TurboFilter {
    private static final String CLIENT_LOGGERS = "org.apache.ratis.client";
    private static final String[] ROUTINE = {"NotLeaderException", "LeaderNotReadyException"};

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !logger.getName().startsWith(CLIENT_LOGGERS) || level == null
                || !level.isGreaterOrEqual(Level.WARN))
            return FilterReply.NEUTRAL;
        if (routine(t)) return FilterReply.DENY;
        if (params != null)
            for (Object param : params)
                if (param instanceof Throwable thrown ? routine(thrown) : param != null && names(param.toString()))
                    return FilterReply.DENY;
        return FilterReply.NEUTRAL;
    }

    private static boolean routine(Throwable t) {
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause())
            if (names(t.getClass().getSimpleName()) || t.getMessage() != null && names(t.getMessage())) return true;
        return false;
    }

    private static boolean names(String text) {
        for (String routine : ROUTINE) if (text.contains(routine)) return true;
        return false;
    }
}
