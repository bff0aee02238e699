package io.pharos.node.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.junit.jupiter.api.Test;

class RatisRedirectLogFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final RatisRedirectLogFilter filter = new RatisRedirectLogFilter();
    private final NotLeaderException redirect = new NotLeaderException(
            RaftGroupMemberId.valueOf(RaftPeerId.valueOf("n2"), RaftGroupId.randomId()), null, java.util.List.of());

    @Test
    void routineRedirectsOfTheClientAreDropped() {
        var client = context.getLogger("org.apache.ratis.client.impl.OrderedAsync");
        assertEquals(FilterReply.DENY, filter.decide(null, client, Level.ERROR, "Failed to send request", null,
                new java.util.concurrent.CompletionException(redirect)));
        assertEquals(FilterReply.DENY, filter.decide(null, client, Level.ERROR, "{} {}: Failed* {} due to {} caused by {}",
                new Object[] {"p", "client-1", "request", "e", "NotLeaderException"}, null));
    }

    @Test
    void otherFailuresAndOtherLoggersStay() {
        var client = context.getLogger("org.apache.ratis.client.impl.OrderedAsync");
        assertEquals(FilterReply.NEUTRAL, filter.decide(null, client, Level.ERROR, "Failed to send request", null,
                new IOException("disk full")));
        assertEquals(FilterReply.NEUTRAL, filter.decide(null, context.getLogger("org.apache.ratis.server.impl.RaftServerImpl"),
                Level.ERROR, "x", null, redirect));
        assertEquals(FilterReply.NEUTRAL, filter.decide(null, client, Level.INFO, "x", null, redirect));
    }
}
