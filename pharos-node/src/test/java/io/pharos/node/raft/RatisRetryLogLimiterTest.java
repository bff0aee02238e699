package io.pharos.node.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RatisRetryLogLimiterTest {
    private static final String RETRY = "{}: Follower failed (request=null, errorCount={}); keep nextIndex ({}) unchanged and retry.{}";
    private final LoggerContext context = new LoggerContext();
    private final AtomicLong now = new AtomicLong(1_000);
    private final RatisRetryLogLimiter limiter = new RatisRetryLogLimiter(now::get);
    private final ch.qos.logback.classic.Logger appender = context.getLogger("org.apache.ratis.grpc.server.GrpcLogAppender");

    private FilterReply retry(String follower, long nextIndex) {
        return limiter.decide(null, appender, Level.WARN, RETRY, new Object[] {follower, 1, nextIndex, ""}, null);
    }

    @Test
    void oneRetryWarningPerFollowerPerPeriod() {
        assertEquals(FilterReply.NEUTRAL, retry("n1@group-1->n2-GrpcLogAppender", 10));
        assertEquals(FilterReply.DENY, retry("n1@group-1->n2-GrpcLogAppender", 11));
        assertEquals(FilterReply.NEUTRAL, retry("n1@group-1->n3-GrpcLogAppender", 11), "another follower is news");
        now.addAndGet(TimeUnit.SECONDS.toNanos(RatisRetryLogLimiter.EVERY_SECONDS) - 1);
        assertEquals(FilterReply.DENY, retry("n1@group-1->n2-GrpcLogAppender", 500));
        now.addAndGet(1);
        assertEquals(FilterReply.NEUTRAL, retry("n1@group-1->n2-GrpcLogAppender", 501), "still failing, said again");
    }

    @Test
    void otherMessagesAndLoggersPass() {
        assertEquals(FilterReply.NEUTRAL, retry("n1@group-1->n2-GrpcLogAppender", 10));
        assertEquals(FilterReply.NEUTRAL, limiter.decide(null, appender, Level.WARN, "{}: Timed out {}appendEntries",
                new Object[] {"n1@group-1->n2-GrpcLogAppender", ""}, null));
        assertEquals(FilterReply.NEUTRAL, limiter.decide(null, context.getLogger("io.pharos.Other"), Level.WARN, RETRY,
                new Object[] {"n1@group-1->n2-GrpcLogAppender", 1, 12L, ""}, null));
    }
}
