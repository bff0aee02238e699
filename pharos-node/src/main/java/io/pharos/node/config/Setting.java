package io.pharos.node.config;

import java.util.List;

/**
 * A node-local setting: its flag name (also its key in the config file) and environment variable, its
 * default, and what it is for (shown by {@code pharos config show} and {@code pharos serve --help}).
 */
public enum Setting {
    DATA_DIR("data-dir", null, "where the Raft log, snapshots and file blobs live"),
    NODE_ID("node-id", "node1", "this node's name in the cluster"),
    RAFT_ADDRESS("raft-address", "127.0.0.1:9870", "HOST:PORT for Raft traffic between nodes"),
    HTTP_ADDRESS("http-address", "0.0.0.0:8080", "ADDR:PORT for the API, the web boot files and iPXE scripts"),
    TFTP_ADDRESS("tftp-address", "0.0.0.0:69", "ADDR:PORT for TFTP (port 69 needs root or CAP_NET_BIND_SERVICE)"),
    DHCP_ADDRESS("dhcp-address", "0.0.0.0:67", "ADDR:PORT for DHCP (port 67 needs root or CAP_NET_BIND_SERVICE)"),
    DHCP_INTERFACES("dhcp-interfaces", "", "comma-separated interfaces DHCP serves directly (empty: every up IPv4 interface)"),
    BOOT_ROOT("boot-root", null, "directory of static boot files (undionly.kpxe, ipxe.efi, ...); default DATA/boot"),
    ADVERTISE_ADDRESS("advertise-address", "", "IP put in DHCP server-id, next-server and boot URLs (empty: the receiving interface's)"),
    INITIAL_ADMIN_TOKEN("initial-admin-token", "", "first start only: the admin token secret instead of a random one"),
    HTTP_ADVERTISE("http-advertise", "", "HOST:PORT other nodes use to reach this node's HTTP (empty: raft host and http port)"),
    JOIN("join", "", "URL of a cluster's active node to join at start (with --cluster-token)"),
    CLUSTER_TOKEN("cluster-token", "", "the cluster's join token (from `pharos cluster init`)"),
    OBSERVER("observer", "false", "join as an observer: replicates everything, never becomes active"),
    FORCE("force", "false", "with --join: discard this node's existing data (it is moved aside, not deleted)"),
    VIP_INTERFACE("vip-interface", "", "interface the active node adds the virtual IP to (e.g. eth0)"),
    VIP_MODE("vip-mode", "kernel", "kernel: add the VIP with ip(8); hook: run --vip-hook; none: an external balancer owns it"),
    VIP_HOOK("vip-hook", "", "with --vip-mode hook: script called as HOOK add|renew|del VIP/PREFIX INTERFACE"),
    FENCE_COMMAND("fence-command", "", "run before taking over (e.g. IPMI power-off of the old active); env PHAROS_OLD_ACTIVE");

    private final String key;
    private final String defaultValue;
    private final String help;

    Setting(String key, String defaultValue, String help) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.help = help;
    }

    public String key() {
        return key;
    }

    public String flag() {
        return "--" + key;
    }

    public String envVar() {
        return "PHAROS_" + name();
    }

    /** A yes/no setting: given alone on the command line it means true. */
    public boolean isSwitch() {
        return "false".equals(defaultValue);
    }

    public String help() {
        return help;
    }

    /** The default; data-dir and boot-root depend on who runs the server, so they are computed. */
    String defaultValue(String home, boolean root) {
        return switch (this) {
            case DATA_DIR -> root ? "/var/lib/pharos" : home + "/.local/share/pharos";
            case BOOT_ROOT -> "";
            default -> defaultValue;
        };
    }

    public static List<Setting> all() {
        return List.of(values());
    }
}
