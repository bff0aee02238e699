package io.pharos.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The leader logs when a member starts streaming and when it falls behind, once per switch. */
class ReplicationWatchTest {
    @TempDir
    Path dir;

    private final List<TestNode> nodes = new ArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ReplicationWatch.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    private Level level;

    @AfterEach
    void closeAll() {
        logger.detachAppender(events);
        logger.setLevel(level);
        nodes.reversed().forEach(TestNode::close);
    }

    /** Lines of this test's own watch (the API's watch samples on a thread of its own). */
    private List<ILoggingEvent> ours(String id) {
        String thread = Thread.currentThread().getName();
        return events.list.stream().filter(e -> e.getThreadName().equals(thread))
                .filter(e -> e.getFormattedMessage().contains("id=" + id + " ")).toList();
    }

    private List<String> lines(String id) {
        return ours(id).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aMemberThatStopsAnsweringIsReportedCatchingUpOnce() throws Exception {
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        events.start();
        logger.addAppender(events);
        TestNode n1 = TestNode.start("n1", dir.resolve("n1"), null, null, false, false);
        nodes.add(n1);
        String admin = Http.admin(n1.createAdminToken());
        String token = Http.send(n1.url(), "POST", "/init", admin, "{\"vip\":\"none\"}").json().path("token").asText();
        TestNode n2 = TestNode.start("n2", dir.resolve("n2"), n1.url(), token, false, false);
        nodes.add(n2);
        // A third voter, so that n1 keeps a majority (and leads) when n2 stops.
        nodes.add(TestNode.start("n3", dir.resolve("n3"), n1.url(), token, false, false));

        ReplicationWatch watch = new ReplicationWatch(n1.raft);
        watch.sample();
        assertEquals(Optional.of(ReplicationPhase.STREAMING), watch.phase("n2"));
        assertEquals(1, lines("n2").size());
        assertTrue(lines("n2").getFirst().startsWith("CLUSTER_PEER_STREAMING id=n2 voter"), lines("n2").toString());
        watch.sample();
        assertEquals(1, lines("n2").size(), "no switch, no line");

        n2.close();
        long until = System.nanoTime() + 10_000_000_000L;
        while (watch.phase("n2").orElseThrow() == ReplicationPhase.STREAMING && System.nanoTime() < until) {
            Thread.sleep(100);
            watch.sample();
        }
        assertEquals(Optional.of(ReplicationPhase.CATCHING_UP), watch.phase("n2"));
        assertEquals(2, lines("n2").size(), lines("n2").toString());
        ILoggingEvent behind = ours("n2").getLast();
        assertEquals(Level.WARN, behind.getLevel());
        assertTrue(behind.getFormattedMessage().startsWith("CLUSTER_PEER_CATCHING_UP id=n2 voter"), behind.getFormattedMessage());
        assertTrue(behind.getFormattedMessage().contains("check its disk, CPU and network"));

        watch.close();
    }
}
