package io.pharos.node.ha;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gratuitous ARP for a VIP this node just took (RFC 5227 §3 "ARP Announcement"): iputils {@code arping -U},
 * three requests one second apart, as keepalived repeats its own, so that a switch or client that missed
 * the first still learns the new MAC. Runs in the background; a newer announcement or a drop stops it.
 */
final class ArpAnnouncer {
    private static final Logger LOG = LoggerFactory.getLogger(ArpAnnouncer.class);
    static final int COUNT = 3;

    private final String iface;
    private final List<String> prefix;
    private Process running;

    ArpAnnouncer(String iface, List<String> prefix) {
        this.iface = iface;
        this.prefix = prefix;
    }

    synchronized void announce(Vip vip) {
        stop();
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("arping", "-U", "-c", Integer.toString(COUNT), "-I", iface, vip.address().toString()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            running = process;
            Thread.ofVirtual().name("pharos-ha-arping").start(() -> report(process, vip));
            LOG.info("HA_ARP_ANNOUNCED {} on {}: {} gratuitous ARP requests, 1 s apart", vip.address(), iface, COUNT);
        } catch (IOException e) {
            LOG.warn("HA_ARP_FAILED cannot run arping for {} on {} ({}): install iputils-arping; until then clients "
                    + "and switches keep the old MAC of the VIP until their ARP caches expire", vip.address(), iface,
                    e.getMessage());
        }
    }

    synchronized void stop() {
        if (running != null && running.isAlive()) running.destroy();
        running = null;
    }

    private void report(Process process, Vip vip) {
        try (var in = process.getInputStream()) {
            String output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = process.waitFor();
            boolean stopped;
            synchronized (this) {
                stopped = running != process;
            }
            if (exit != 0 && !stopped)
                LOG.warn("HA_ARP_FAILED arping for {} on {} exited {}: {}; clients and switches keep the old MAC of "
                        + "the VIP until their ARP caches expire: check the interface", vip.address(), iface, exit, output);
        } catch (IOException | InterruptedException e) {
            LOG.debug("arping output unreadable", e);
        }
    }
}
