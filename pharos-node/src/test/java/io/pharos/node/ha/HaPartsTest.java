package io.pharos.node.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.pharos.node.raft.RaftSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small parts: timing rules, bounded commands, the service set and its health checks. */
class HaPartsTest {
    @TempDir
    Path dir;

    @Test
    void defaultTimingFitsTheDefaultRaftTimingAndALeaseAsLongAsTheElectionTimeoutIsRefused() {
        assertEquals(List.of(), HaTiming.DEFAULT.problems(RaftSettings.Timing.DEFAULT));
        HaTiming tooLong = new HaTiming(Duration.ofMillis(10), Duration.ofMillis(50), 4, Duration.ofMillis(300),
                Duration.ofMillis(40), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofSeconds(1), 2, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        List<String> problems = tooLong.problems(RaftSettings.Timing.DEFAULT);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().contains("must be shorter than the minimum election timeout 300 ms"));
    }

    @Test
    void aCommandThatOverrunsItsTimeoutIsKilledAndReportedAsTimedOut() throws Exception {
        long start = System.nanoTime();
        ProcessRunner.Outcome outcome = ProcessRunner.run(List.of("/bin/sh", "-c", "echo started; sleep 30"),
                Duration.ofMillis(300));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "did not wait for the sleep");
        assertTrue(outcome.timedOut());
        assertFalse(outcome.ok());
        ProcessRunner.Outcome failed = ProcessRunner.run(List.of("/bin/sh", "-c", "echo oops >&2; exit 3"),
                Duration.ofSeconds(5));
        assertEquals("exit 3: oops", failed.describe());
    }

    @Test
    void theFenceCommandGetsTheOldActiveAndItsExitStatusDecides() throws Exception {
        Path seen = dir.resolve("fenced");
        FenceRunner ok = new FenceRunner("echo \"$PHAROS_OLD_ACTIVE $PHAROS_NODE_ID $PHAROS_VIP\" > " + seen, "n1",
                Duration.ofSeconds(5));
        HaEvent.FenceFinished done = ok.run(7, "n2", "10.0.0.100/24");
        assertTrue(done.ok(), done.detail());
        assertEquals(7, done.episode());
        assertEquals("n2 n1 10.0.0.100/24", Files.readString(seen).strip());
        HaEvent.FenceFinished failed = new FenceRunner("exit 1", "n1", Duration.ofSeconds(5)).run(8, "n2", "");
        assertFalse(failed.ok());
        assertFalse(new FenceRunner("", "n1", Duration.ofSeconds(5)).configured());
    }

    @Test
    void aServiceThatFailsToStartStopsThoseStartedBeforeItAndHealthNamesTheFailingService() throws Exception {
        List<String> events = new ArrayList<>();
        ServiceSet.Service dhcp = service("dhcp", events, false, Optional.of("socket closed"));
        ServiceSet.Service tftp = service("tftp", events, true, Optional.empty());
        ServiceSet broken = new ServiceSet(List.of(dhcp, tftp), List.of());
        Exception e = assertThrows(Exception.class, broken::start);
        assertTrue(e.getMessage().startsWith("tftp did not start"), e.getMessage());
        assertEquals(List.of("start dhcp", "start tftp", "stop dhcp"), events);

        ServiceSet set = new ServiceSet(List.of(dhcp), List.of(new DataDirCheck(dir, 1)));
        assertTrue(set.health().healthy(), "nothing running, nothing to report");
        set.start();
        ServiceHealth health = set.health();
        assertEquals("dhcp", health.services());
        assertEquals("dhcp: socket closed", health.toString());
        set.stop();
        assertEquals(List.of("start dhcp", "start tftp", "stop dhcp", "start dhcp", "stop dhcp"), events);
    }

    @Test
    void theDataDirectoryMustBeWritableWithRoomToGrow() {
        assertEquals(Optional.empty(), new DataDirCheck(dir, 1).problem());
        assertTrue(new DataDirCheck(dir, Long.MAX_VALUE).problem().orElseThrow().contains("free space or move --data-dir"));
        assertTrue(new DataDirCheck(dir.resolve("missing"), 1).problem().orElseThrow().contains("not writable"));
    }

    @Test
    void httpCountsAsAliveWhenItAnswersAnythingAndNotWhenNothingListens() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        try {
            assertEquals(Optional.empty(), new HttpProbe(new InetSocketAddress("0.0.0.0", port)).problem());
        } finally {
            server.stop(0);
        }
        assertTrue(new HttpProbe(new InetSocketAddress("127.0.0.1", port)).problem().isPresent());
    }

    private static ServiceSet.Service service(String name, List<String> events, boolean failStart,
                                              Optional<String> problem) {
        return new ServiceSet.Service() {
            public String name() {
                return name;
            }

            public void start() throws Exception {
                events.add("start " + name);
                if (failStart) throw new java.net.BindException("permission denied");
            }

            public void stop() {
                events.add("stop " + name);
            }

            public Optional<String> problem() {
                return problem;
            }
        };
    }

    @Test
    void aVipIsCoveredByAnOwnAddressWhoseNetworkHoldsItWithAShorterOrEqualPrefix() {
        String shown = """
                2: eth0    inet 10.213.0.1/16 brd 10.213.255.255 scope global eth0\\       valid_lft forever preferred_lft forever
                2: eth0    inet 10.213.0.100/24 scope global secondary eth0\\       valid_lft 3sec preferred_lft 3sec
                """;
        assertTrue(VipActuator.coveredByOwnAddress(Vip.parse("10.213.0.100/24"), shown));
        assertTrue(VipActuator.coveredByOwnAddress(Vip.parse("10.213.7.9/16"), shown));
        assertFalse(VipActuator.coveredByOwnAddress(Vip.parse("10.213.0.100/8"), shown), "a VIP wider than the node's network");
        assertFalse(VipActuator.coveredByOwnAddress(Vip.parse("10.214.0.100/24"), shown), "a VIP outside it");
        assertFalse(VipActuator.coveredByOwnAddress(Vip.parse("10.213.0.100/24"),
                "2: eth0    inet 10.213.0.100/24 scope global eth0"), "the VIP itself does not count");
    }
}
