package io.pharos.node.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog process removes the VIP when its holder stops vouching for it: holds run out, stdin closes,
 * the holding JVM is frozen or killed. Kernel lifetimes are set long (30 s) here so that only the watchdog
 * can explain a removal within the test's bounds.
 */
class VipWatchdogNetnsTest {
    private static final Vip VIP = Vip.parse("10.88.0.100/24");
    private static final String ADDRESS = "10.88.0.100/24";

    @TempDir
    Path dir;

    @Test
    void removesTheVipWhenTheLastHoldRunsOutAndNotBefore() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.node("a", "10.88.0.11");
            try (VipWatchdog watchdog = start(lab)) {
                long start = System.nanoTime();
                watchdog.hold(VIP, 400);
                actuator(lab).add(VIP);
                assertTrue(NetnsLab.await(Duration.ofSeconds(3), () -> !has(lab)), "the watchdog removed the VIP");
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(tookMillis >= 380 && tookMillis < 1500, "removed " + tookMillis + " ms after a 400 ms hold");
                // The script logs right after removing the address: give the line a moment to land.
                assertTrue(NetnsLab.await(Duration.ofSeconds(3), () -> watchdogLog().contains("HA_WATCHDOG_DROPPED_VIP "
                        + ADDRESS)), "the watchdog logged the drop");
            }
        }
    }

    /** A renewal whose line is still arriving when the hold runs out is read whole, not as two bad lines. */
    @Test
    void aLineCutByTheHoldsDeadlineIsFinishedByTheNextRead() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.node("a", "10.88.0.11");
            try (VipWatchdog watchdog = start(lab)) {
                watchdog.hold(VIP, 200);
                actuator(lab).add(VIP);
                assertTrue(watchdog.write("hold 20"));
                assertTrue(NetnsLab.await(Duration.ofSeconds(3), () -> !has(lab)), "the hold ran out mid-line");
                assertTrue(watchdog.write("000 " + VIP.cidr() + "\n"));
                actuator(lab).add(VIP); // the JVM's next renewal puts it back
                TimeUnit.MILLISECONDS.sleep(1000);
                assertTrue(has(lab), "the finished line is a 20 s hold of the VIP");
                assertTrue(!watchdogLog().contains("HA_WATCHDOG_BAD_LINE"), watchdogLog());
            }
        }
    }

    @Test
    void keepsTheVipWhileFedAndForgetsItOnRelease() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.node("a", "10.88.0.11");
            try (VipWatchdog watchdog = start(lab)) {
                watchdog.hold(VIP, 300);
                actuator(lab).add(VIP);
                for (int i = 0; i < 20; i++) {
                    TimeUnit.MILLISECONDS.sleep(60);
                    watchdog.hold(VIP, 300);
                    assertTrue(has(lab), "still held after " + (i + 1) * 60 + " ms of feeding");
                }
                watchdog.release();
                TimeUnit.MILLISECONDS.sleep(600);
                assertTrue(has(lab), "a released VIP is the JVM's to drop, not the watchdog's");
            }
            assertTrue(has(lab), "closing after a release drops nothing");
        }
    }

    @Test
    void removesTheVipAtOnceWhenItsStdinCloses() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.node("a", "10.88.0.11");
            VipWatchdog watchdog = start(lab);
            watchdog.hold(VIP, 20_000);
            actuator(lab).add(VIP);
            long start = System.nanoTime();
            watchdog.close();
            assertTrue(NetnsLab.await(Duration.ofSeconds(2), () -> !has(lab)), "EOF dropped the VIP");
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos(), "well before the 20 s hold");
        }
    }

    @Test
    void aFrozenJvmLosesTheVipWhileItIsStillFrozen() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.node("a", "10.88.0.11");
            Process jvm = feeder(lab);
            try {
                long watchdogPid = awaitHolding(jvm);
                assertTrue(NetnsLab.await(Duration.ofSeconds(5), () -> has(lab)));
                assertNotEquals(session(jvm.pid()), session(watchdogPid), "the watchdog runs in a session of its own");
                TimeUnit.MILLISECONDS.sleep(500);
                assertTrue(has(lab), "held while the JVM feeds it");

                lab.sh("kill -STOP %d", jvm.pid());
                assertTrue(NetnsLab.await(Duration.ofSeconds(2), () -> !has(lab)), "the VIP of a frozen JVM was removed");
                assertEquals('T', state(jvm.pid()), "the JVM is still stopped");
                assertTrue(ProcessHandle.of(watchdogPid).map(ProcessHandle::isAlive).orElse(false));
            } finally {
                jvm.destroyForcibly();
                jvm.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aKilledJvmLosesTheVipAtOnce() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.node("a", "10.88.0.11");
            Process jvm = feeder(lab, 20_000);
            try {
                long watchdogPid = awaitHolding(jvm);
                assertTrue(NetnsLab.await(Duration.ofSeconds(5), () -> has(lab)));
                long start = System.nanoTime();
                lab.sh("kill -KILL %d", jvm.pid());
                assertTrue(NetnsLab.await(Duration.ofSeconds(2), () -> !has(lab)), "kill -9 dropped the VIP");
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos(), "well before the 20 s hold");
                assertTrue(NetnsLab.await(Duration.ofSeconds(2),
                        () -> !ProcessHandle.of(watchdogPid).map(ProcessHandle::isAlive).orElse(false)),
                        "the watchdog exits after EOF");
            } finally {
                jvm.destroyForcibly();
                jvm.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private VipWatchdog start(NetnsLab lab) throws IOException {
        return VipWatchdog.start(dir, VipActuator.Mode.KERNEL, "eth0", "", lab.in("a"));
    }

    private static VipActuator actuator(NetnsLab lab) {
        return new VipActuator(VipActuator.Mode.KERNEL, "eth0", "", Duration.ofSeconds(30), lab.in("a"));
    }

    private Process feeder(NetnsLab lab) throws IOException {
        return feeder(lab, 300);
    }

    private Process feeder(NetnsLab lab, long holdMillis) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WatchdogFeeder.class.getName(),
                dir.toString(), lab.name("a"), ADDRESS, Long.toString(holdMillis))
                .redirectErrorStream(true).start();
    }

    private static long awaitHolding(Process jvm) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream()));
        for (int i = 0; i < 200; i++) {
            String line = out.readLine();
            if (line == null) break;
            if (line.startsWith("HOLDING watchdog=")) return Long.parseLong(line.substring("HOLDING watchdog=".length()));
        }
        throw new AssertionError("the feeder JVM did not start holding the VIP");
    }

    private static boolean has(NetnsLab lab) {
        try {
            return lab.addresses("a").contains(ADDRESS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Field 3 (state) and 6 (session id) of /proc/PID/stat; the command name may hold spaces, hence the ')'. */
    private static List<String> stat(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
    }

    private static char state(long pid) throws IOException {
        return stat(pid).get(0).charAt(0);
    }

    private static String session(long pid) throws IOException {
        return stat(pid).get(3);
    }

    private String watchdogLog() {
        try {
            return Files.readString(dir.resolve("watchdog.log"));
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
