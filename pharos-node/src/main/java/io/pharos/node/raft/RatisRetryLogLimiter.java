package io.pharos.node.raft;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Marker;

/**
 * Lets the leader's "Follower failed ... retry" warning through once per follower every {@link #EVERY_SECONDS}
 * seconds. Ratis logs it for each entry it cannot send to a member that is down, which under DHCP load is a
 * hundred lines a second for as long as the member stays down; its own batching does not help, because its
 * key includes the next index, which moves with every entry. The first line still says which member fails.
 */
public final class RatisRetryLogLimiter extends TurboFilter {
    static final long EVERY_SECONDS = 10;
    private static final String APPENDER_LOGGER = "org.apache.ratis.grpc.server.GrpcLogAppender";
    private static final String RETRY_MESSAGE = "{}: Follower failed (request=null";

    private final LongSupplier clock;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    public RatisRetryLogLimiter() {
        this(System::nanoTime);
    }

    RatisRetryLogLimiter(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || format == null || !format.startsWith(RETRY_MESSAGE)
                || !logger.getName().equals(APPENDER_LOGGER) || params == null || params.length == 0)
            return FilterReply.NEUTRAL;
        // The first parameter is the appender, which names the leader and the follower.
        String follower = String.valueOf(params[0]);
        long now = clock.getAsLong();
        long every = TimeUnit.SECONDS.toNanos(EVERY_SECONDS);
        boolean[] due = {false};
        lastLogged.compute(follower, (k, last) -> {
            due[0] = last == null || now - last >= every;
            return due[0] ? now : last;
        });
        return due[0] ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
