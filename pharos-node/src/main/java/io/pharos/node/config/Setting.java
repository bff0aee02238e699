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
    INITIAL_ADMIN_TOKEN("initial-admin-token", "", "first start only: the admin token secret instead of a random one");

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
