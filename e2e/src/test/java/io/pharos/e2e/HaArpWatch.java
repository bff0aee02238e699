package io.pharos.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who answers ARP for the VIP, seen from a client on the switch: a loop runs one broadcast arping about every
 * 100 ms (-b: never unicast to the MAC it learnt, so every holder hears every probe; each waits at most 1 s)
 * and tcpdump records requests and replies with their times. A probe answered by two different MACs means two nodes held the VIP at once.
 */
public final class HaArpWatch implements AutoCloseable {
    private static final Pattern REQUEST = Pattern.compile("^(\\d+\\.\\d+) (\\S+) > .*Request who-has (\\S+) (?:\\(\\S+\\) )?tell (\\S+),");
    private static final Pattern REPLY = Pattern.compile("^(\\d+\\.\\d+) (\\S+) > .*Reply (\\S+) is-at (\\S+),");

    /** One broadcast probe and the MACs that answered it before the next probe. */
    public record Probe(double at, Set<String> answeredBy) {}

    private final String vip;
    private final String myIp;
    private final Path capture;
    private final Process tcpdump;
    private final Process arping;

    private HaArpWatch(String vip, String myIp, Path capture, Process tcpdump, Process arping) {
        this.vip = vip;
        this.myIp = myIp;
        this.capture = capture;
        this.tcpdump = tcpdump;
        this.arping = arping;
    }

    /** Starts capturing and probing from ns (whose eth0 has myIp) for at most maxSeconds. */
    public static HaArpWatch start(NetnsLab lab, String ns, String myIp, String vip, int maxSeconds) {
        try {
            Path dir = Files.createTempDirectory(lab.workDir(), "arpwatch");
            Path capture = dir.resolve("arp.txt");
            Process tcpdump = lab.start(ns, capture, "timeout", Integer.toString(maxSeconds + 5), "tcpdump", "-i", "eth0",
                    "-l", "-nn", "-e", "-tt", "arp");
            ClusterLab.sleep(1000); // tcpdump must listen before the first probe
            // iputils arping takes whole seconds for -i, hence one arping per probe.
            String loop = "i=0; while [ $i -lt %d ]; do arping -b -c 1 -w 1 -I eth0 %s >/dev/null 2>&1; sleep 0.1; i=$((i+1)); done"
                    .formatted(maxSeconds * 10, vip);
            Process arping = lab.start(ns, dir.resolve("arping.txt"), "timeout", Integer.toString(maxSeconds), "sh", "-c", loop);
            return new HaArpWatch(vip, myIp, capture, tcpdump, arping);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every probe so far with the MACs that answered it. */
    public List<Probe> probes() {
        List<String> lines;
        try {
            lines = Files.readAllLines(capture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Double, Set<String>> probes = new LinkedHashMap<>();
        Double current = null;
        for (String line : lines) {
            Matcher request = REQUEST.matcher(line);
            if (request.find() && request.group(3).equals(vip) && request.group(4).equals(myIp)) {
                current = Double.parseDouble(request.group(1));
                probes.put(current, new LinkedHashSet<>());
                continue;
            }
            Matcher reply = REPLY.matcher(line);
            if (reply.find() && reply.group(3).equals(vip) && current != null) probes.get(current).add(reply.group(4));
        }
        List<Probe> out = new ArrayList<>();
        probes.forEach((at, macs) -> out.add(new Probe(at, macs)));
        return out;
    }

    /** Probes that two or more MACs answered. */
    public List<Probe> conflicts() {
        return probes().stream().filter(p -> p.answeredBy().size() > 1).toList();
    }

    /** The MACs that answered, in the order they first did. */
    public List<String> answerers() {
        Set<String> macs = new LinkedHashSet<>();
        probes().forEach(p -> macs.addAll(p.answeredBy()));
        return List.copyOf(macs);
    }

    /** Stops arping, then tcpdump (SIGTERM, so it flushes). */
    @Override
    public void close() {
        Processes.killTree(arping);
        ClusterLab.sleep(300);
        Processes.terminate(tcpdump);
    }
}
