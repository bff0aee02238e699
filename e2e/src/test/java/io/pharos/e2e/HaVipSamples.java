package io.pharos.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Who holds the VIP, sampled with ip(8) in every node's namespace, kept with the time of each sample, so a test
 * can say afterwards whether two nodes ever held it at once.
 */
public final class HaVipSamples {
    /** One look at every node: the ids of those whose eth0 carried the VIP. */
    public record Sample(long atMillis, List<String> holders) {}

    private final List<Sample> samples = new ArrayList<>();

    /** Looks once at every node and records who holds the VIP. */
    public List<ClusterNode> sample(ClusterLab cluster) {
        List<ClusterNode> holders = cluster.vipHolders();
        samples.add(new Sample(System.currentTimeMillis(), holders.stream().map(ClusterNode::id).toList()));
        return holders;
    }

    /** Samples every ~50 ms for the given time. */
    public void sampleFor(ClusterLab cluster, Duration time) {
        long deadline = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < deadline) {
            sample(cluster);
            ClusterLab.sleep(50);
        }
    }

    /** The samples in which more than one node held the VIP. */
    public List<Sample> overlaps() {
        return samples.stream().filter(s -> s.holders().size() > 1).toList();
    }

    public List<Sample> all() {
        return List.copyOf(samples);
    }
}
