package io.pharos.node.cluster;

import io.pharos.node.PharosServer;
import io.pharos.node.codec.CommandCodec;
import java.util.Optional;

/**
 * Which releases may share a Raft group. Every node applies every entry and may install any snapshot, so
 * the log and snapshot formats must be the same; the version must match in major.minor (patch releases
 * change neither format nor apply).
 */
public final class Compatibility {
    /** The version of this build. */
    public static final String VERSION = PharosServer.VERSION;
    /**
     * The newest log entry format this build writes ({@link CommandCodec}); it reads all older ones too. A node
     * with a lower number could not read what this one proposes, so formats must match before versions do.
     */
    public static final int COMMAND_FORMAT = CommandCodec.NEWEST_FORMAT;
    /** The "vN" of the snapshot header ("pharos-snapshot v1", SnapshotCodec); CompatibilityTest keeps them in step. */
    public static final int SNAPSHOT_FORMAT = 1;

    /** A release as nodes describe themselves to each other. */
    public record Release(String version, int commandFormat, int snapshotFormat) {
        public static final Release CURRENT = new Release(VERSION, COMMAND_FORMAT, SNAPSHOT_FORMAT);

        @Override
        public String toString() {
            return "Pharos " + version + " (log format " + commandFormat + ", snapshot format " + snapshotFormat + ")";
        }
    }

    private Compatibility() {}

    /**
     * Empty when node may join cluster; otherwise what is wrong and what to do.
     *
     * @param who how to name the node in the message: "this node" on the joiner, "node 'n4'" on the leader
     */
    public static Optional<String> joinProblem(Release node, Release cluster, String who) {
        int order = compare(node, cluster);
        if (order == 0) return Optional.empty();
        if (order < 0)
            return Optional.of(who + " runs " + node + ", older than the cluster's " + cluster + ": upgrade " + who
                    + " to Pharos " + cluster.version() + ", then join again");
        return Optional.of(who + " runs " + node + ", newer than the cluster's " + cluster + ": join with Pharos "
                + cluster.version() + " (the same version as the cluster), or upgrade the cluster's nodes first");
    }

    /** 0 when compatible; otherwise the sign says whether node is older (&lt;0) or newer (&gt;0) than cluster. */
    static int compare(Release node, Release cluster) {
        if (node.commandFormat() != cluster.commandFormat())
            return Integer.compare(node.commandFormat(), cluster.commandFormat());
        if (node.snapshotFormat() != cluster.snapshotFormat())
            return Integer.compare(node.snapshotFormat(), cluster.snapshotFormat());
        int[] a = majorMinor(node.version());
        int[] b = majorMinor(cluster.version());
        if (a[0] != b[0]) return Integer.compare(a[0], b[0]);
        if (a[1] != b[1]) return Integer.compare(a[1], b[1]);
        return 0;
    }

    /** "1.2.3", "1.2.3-SNAPSHOT" → {1, 2}; what does not parse counts as 0. */
    static int[] majorMinor(String version) {
        String[] parts = (version == null ? "" : version).split("[.-]");
        return new int[] {number(parts, 0), number(parts, 1)};
    }

    private static int number(String[] parts, int i) {
        if (i >= parts.length) return 0;
        try {
            return Integer.parseInt(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
