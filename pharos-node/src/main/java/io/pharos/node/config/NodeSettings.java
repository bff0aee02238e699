package io.pharos.node.config;

import io.pharos.core.net.Ipv4;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The typed, validated node-local settings. */
public record NodeSettings(Path dataDir, String nodeId, InetSocketAddress raftAddress, InetSocketAddress httpAddress,
                           InetSocketAddress tftpAddress, InetSocketAddress dhcpAddress, List<String> dhcpInterfaces,
                           Path bootRoot, Ipv4 advertiseAddress, String initialAdminToken, Cluster cluster) {

    /** Node-local settings of clustering and of the virtual IP. */
    public record Cluster(String httpAdvertise, String join, String clusterToken, boolean observer, boolean force,
                          String vipInterface, String vipMode, String vipHook, String fenceCommand) {
        /** A node that neither joins a cluster nor holds a VIP: the embedded single-node default. */
        public static final Cluster STANDALONE = new Cluster("", "", "", false, false, "", "none", "", "");
    }


    /** Checks every value and reports all problems at once, each with what to do. */
    public static NodeSettings from(Map<Setting, SettingsLoader.Value> values) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Path dataDir = Path.of(values.get(Setting.DATA_DIR).value()).toAbsolutePath();
        String nodeId = values.get(Setting.NODE_ID).value();
        if (!nodeId.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,62}"))
            problems.add(problem(values, Setting.NODE_ID, "must be letters, digits, '-' or '_' (at most 63)"));
        InetSocketAddress raft = address(values, Setting.RAFT_ADDRESS, problems);
        InetSocketAddress http = address(values, Setting.HTTP_ADDRESS, problems);
        InetSocketAddress tftp = address(values, Setting.TFTP_ADDRESS, problems);
        InetSocketAddress dhcp = address(values, Setting.DHCP_ADDRESS, problems);
        String interfaces = values.get(Setting.DHCP_INTERFACES).value();
        List<String> dhcpInterfaces = interfaces.isBlank() ? List.of()
                : Arrays.stream(interfaces.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String bootRootText = values.get(Setting.BOOT_ROOT).value();
        Path bootRoot = bootRootText.isBlank() ? dataDir.resolve("boot") : Path.of(bootRootText).toAbsolutePath();
        Ipv4 advertise = null;
        String advertiseText = values.get(Setting.ADVERTISE_ADDRESS).value();
        if (!advertiseText.isBlank()) {
            try {
                advertise = Ipv4.parse(advertiseText);
            } catch (IllegalArgumentException e) {
                problems.add(problem(values, Setting.ADVERTISE_ADDRESS, e.getMessage() + "; give an IPv4 address"));
            }
        }
        String token = values.get(Setting.INITIAL_ADMIN_TOKEN).value();
        if (!token.isEmpty() && (token.length() < 16 || !token.matches("[A-Za-z0-9_-]+")))
            problems.add(problem(values, Setting.INITIAL_ADMIN_TOKEN,
                    "must be at least 16 characters of letters, digits, '-' or '_'"));
        Cluster cluster = cluster(values, problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new NodeSettings(dataDir, nodeId, raft, http, tftp, dhcp, dhcpInterfaces, bootRoot, advertise, token,
                cluster);
    }

    private static Cluster cluster(Map<Setting, SettingsLoader.Value> values, List<String> problems) {
        String mode = values.get(Setting.VIP_MODE).value();
        if (!List.of("kernel", "hook", "none").contains(mode))
            problems.add(problem(values, Setting.VIP_MODE, "'" + mode + "' is not one of kernel, hook, none"));
        String hook = values.get(Setting.VIP_HOOK).value();
        if (mode.equals("hook") && hook.isBlank())
            problems.add(problem(values, Setting.VIP_HOOK, "--vip-mode hook needs --vip-hook PATH to an executable"));
        String join = values.get(Setting.JOIN).value();
        String token = values.get(Setting.CLUSTER_TOKEN).value();
        if (!join.isBlank() && !join.matches("https?://[^/]+/?"))
            problems.add(problem(values, Setting.JOIN, "'" + join + "' is not a URL like http://10.0.0.2:8080"));
        if (!join.isBlank() && token.isBlank())
            problems.add(problem(values, Setting.CLUSTER_TOKEN, "--join needs the cluster token printed by `pharos cluster init`"));
        return new Cluster(values.get(Setting.HTTP_ADVERTISE).value(), join, token,
                flag(values, Setting.OBSERVER, problems), flag(values, Setting.FORCE, problems),
                values.get(Setting.VIP_INTERFACE).value(), mode, hook, values.get(Setting.FENCE_COMMAND).value());
    }

    private static boolean flag(Map<Setting, SettingsLoader.Value> values, Setting setting, List<String> problems) {
        String text = values.get(setting).value();
        if (!text.equals("true") && !text.equals("false"))
            problems.add(problem(values, setting, "'" + text + "' must be true or false"));
        return text.equals("true");
    }

    private static InetSocketAddress address(Map<Setting, SettingsLoader.Value> values, Setting setting,
                                             List<String> problems) {
        String text = values.get(setting).value();
        int colon = text.lastIndexOf(':');
        try {
            if (colon <= 0) throw new IllegalArgumentException("no port");
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range");
            String host = text.substring(0, colon);
            Ipv4.parse(host);
            return new InetSocketAddress(host, port);
        } catch (IllegalArgumentException e) {
            problems.add(problem(values, setting, "'" + text + "' is not ADDRESS:PORT with an IPv4 address (e.g. "
                    + setting.defaultValue("~", false) + ")"));
            return null;
        }
    }

    private static String problem(Map<Setting, SettingsLoader.Value> values, Setting setting, String what) {
        return setting.flag() + " (from " + values.get(setting).source() + "): " + what;
    }
}
