package io.pharos.node.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three HA nodes as separate processes ({@link HaNodeMain}); the active one is frozen with SIGSTOP and woken
 * with SIGCONT. While frozen its watchdog removes its VIP and another node takes over; woken, it never serves
 * again on its old lease. A sampler watches every namespace throughout: never two holders of the VIP.
 */
class HaFreezeNetnsTest {
    private static final String VIP = "10.88.0.100/24";
    private static final List<String> IDS = List.of("a", "b", "c");

    @TempDir
    Path dir;

    private record Child(String id, Process process, List<String> lines) {
        boolean says(String prefix) {
            return lines.stream().anyMatch(l -> l.startsWith(prefix));
        }

        String state() {
            String last = "";
            for (String l : lines) if (l.startsWith("STATE ")) last = l.split(" ")[1];
            return last;
        }
    }

    @Test
    void aFrozenActiveLosesTheVipToANewActiveAndWakesPassive() throws Exception {
        try (NetnsLab lab = NetnsLab.create()) {
            Map<String, String> peers = new LinkedHashMap<>();
            for (String id : IDS) {
                lab.node(id, "10.88.0." + (11 + IDS.indexOf(id)));
                peers.put(id, "127.0.0.1:" + HaControllerSingleNodeTest.freePort());
            }
            String peerList = String.join(",", peers.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            List<Child> children = new ArrayList<>();
            AtomicBoolean sampling = new AtomicBoolean(true);
            AtomicInteger mostHolders = new AtomicInteger();
            Thread sampler = null;
            try {
                for (String id : IDS) children.add(start(id, dir.resolve(id), peerList, lab.name(id)));
                sampler = Thread.ofPlatform().start(() -> sample(lab, sampling, mostHolders));
                assertTrue(NetnsLab.await(Duration.ofSeconds(30), () -> children.stream().filter(c -> c.state().equals("active")).count() == 1),
                        "one active of " + children.stream().map(c -> c.id() + "=" + c.state()).toList());
                Child frozen = children.stream().filter(c -> c.state().equals("active")).findFirst().orElseThrow();
                List<Child> others = children.stream().filter(c -> c != frozen).toList();
                assertTrue(NetnsLab.await(Duration.ofSeconds(5), () -> holds(lab, frozen.id())));

                lab.sh("kill -STOP %d", frozen.process().pid());
                long stoppedAt = System.nanoTime();
                assertTrue(NetnsLab.await(Duration.ofSeconds(10), () -> others.stream().anyMatch(c -> c.state().equals("active"))),
                        "another node took over; " + others.stream().map(c -> c.id() + "=" + c.state()).toList());
                System.out.printf("HA takeover after SIGSTOP of the active: %d ms%n", (System.nanoTime() - stoppedAt) / 1_000_000);
                Child next = others.stream().filter(c -> c.state().equals("active")).findFirst().orElseThrow();
                assertTrue(NetnsLab.await(Duration.ofSeconds(5), () -> holds(lab, next.id())));
                assertTrue(!holds(lab, frozen.id()), "the frozen node's watchdog removed its VIP");

                int linesBeforeWake = frozen.lines().size();
                long wokenAt = System.nanoTime();
                lab.sh("kill -CONT %d", frozen.process().pid());
                assertTrue(NetnsLab.await(Duration.ofSeconds(5), () -> frozen.state().equals("passive")
                        || frozen.state().equals("fencing")), "woken, it stands down: " + frozen.state());
                TimeUnit.SECONDS.sleep(2);
                List<String> afterWake = frozen.lines().subList(linesBeforeWake, frozen.lines().size());
                for (String line : afterWake) {
                    assertTrue(!line.startsWith("MAYSERVE true") && !line.startsWith("SERVICES start")
                            && !line.startsWith("STATE active"), "served after waking: " + afterWake);
                }
                // The sampler may miss the passive step when fencing follows at once (Raft still says leader).
                String firstState = afterWake.stream().filter(l -> l.startsWith("STATE ")).findFirst().orElse("");
                assertTrue(firstState.startsWith("STATE passive") || firstState.startsWith("STATE fencing"),
                        "acts passive first: " + afterWake);
                assertTrue(afterWake.stream().anyMatch(l -> l.contains("HA_LEASE_LOST") || l.contains("HA_LEADERSHIP_LOST")),
                        "stood down: " + afterWake);
                long stoodDownAt = Long.parseLong(firstState.split(" ")[2]);
                System.out.printf("woken old active went passive %d ms after SIGCONT%n", (stoodDownAt - wokenAt) / 1_000_000);
                assertEquals("active", next.state(), "the new active keeps serving");
                assertTrue(holds(lab, next.id()) && !holds(lab, frozen.id()));
            } finally {
                sampling.set(false);
                if (sampler != null) sampler.join(5_000);
                for (Child c : children) {
                    c.process().destroyForcibly();
                    c.process().waitFor(10, TimeUnit.SECONDS);
                    // Kept for reading after a failure: what each node printed, logs included.
                    java.nio.file.Files.write(Path.of("target", "ha-freeze-" + c.id() + ".log"), c.lines());
                }
            }
            assertEquals(1, mostHolders.get(), "never two namespaces held the VIP at once");
        }
    }

    private static Child start(String id, Path data, String peers, String ns) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                HaNodeMain.class.getName(), id, data.toString(), peers, ns, VIP)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                for (String line; (line = in.readLine()) != null; ) if (!line.isBlank()) lines.add(line);
            } catch (IOException e) {
                lines.add("OUTPUT-LOST " + e);
            }
        });
        return new Child(id, p, lines);
    }

    private static boolean holds(NetnsLab lab, String id) {
        try {
            return lab.addresses(id).contains(VIP);
        } catch (IOException e) {
            return false;
        }
    }

    /** Every few milliseconds, which namespaces hold the VIP (bounded by the test's own duration). */
    private static void sample(NetnsLab lab, AtomicBoolean sampling, AtomicInteger mostHolders) {
        StringBuilder script = new StringBuilder();
        for (String id : IDS) script.append("ip -n ").append(lab.name(id)).append(" -o -4 addr show dev eth0; ");
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (sampling.get() && System.nanoTime() - end < 0) {
            try {
                String out = lab.sh("%s", script.toString());
                int holders = (int) out.lines().filter(l -> l.contains(" " + VIP + " ")).count();
                mostHolders.accumulateAndGet(holders, Math::max);
            } catch (IOException e) {
                return;
            }
        }
    }
}
