package io.pharos.node.ha;

import io.pharos.core.net.Cidr;
import io.pharos.core.net.Ipv4;
import io.pharos.node.config.NodeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the VIP on this node's interface and takes it off: with ip(8) ({@code kernel}), with the operator's
 * hook ({@code hook}), or not at all ({@code none}: an external balancer owns the address). In kernel mode the
 * address gets a finite lifetime (valid_lft), renewed while the lease holds, so the kernel itself removes it
 * if both this JVM and the watchdog stop.
 */
public final class VipActuator {
    private static final Logger LOG = LoggerFactory.getLogger(VipActuator.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern INET = Pattern.compile("\\binet (\\d+\\.\\d+\\.\\d+\\.\\d+)/(\\d+)");

    public enum Mode {
        KERNEL, HOOK, NONE;

        public static Mode parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    private final Mode mode;
    private final String iface;
    private final String hook;
    private final long lifetimeSeconds;
    private final List<String> prefix;
    private final ArpAnnouncer arp;
    /** The VIP whose prefix route was decided (at start, or at its first add), and whether it gets none. */
    private volatile Vip routeDecidedFor;
    private volatile boolean withoutRoute;

    /**
     * @param commandPrefix put before every command, e.g. {@code ip netns exec NS} to act inside a network
     *                      namespace; empty for the host
     */
    public VipActuator(Mode mode, String iface, String hook, Duration lifetime, List<String> commandPrefix) {
        this.mode = mode;
        this.iface = iface;
        this.hook = hook;
        this.lifetimeSeconds = Math.max(1, lifetime.toSeconds());
        this.prefix = List.copyOf(commandPrefix);
        this.arp = new ArpAnnouncer(iface, prefix);
    }

    public static VipActuator from(NodeSettings.Cluster cluster, HaTiming timing) {
        return new VipActuator(Mode.parse(cluster.vipMode()), cluster.vipInterface(), cluster.vipHook(),
                timing.vipLifetime(), List.of());
    }

    public Mode mode() {
        return mode;
    }

    public String iface() {
        return iface;
    }

    public String hook() {
        return hook;
    }

    /** What every command runs under (e.g. {@code ip netns exec NS}); the watchdog runs under it too. */
    public List<String> commandPrefix() {
        return prefix;
    }

    /** What keeps this actuator from working, each with its fix; checked at start. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (mode == Mode.KERNEL && iface.isBlank())
            problems.add("--vip-mode kernel needs --vip-interface (the interface clients reach, e.g. eth0), or use "
                    + "--vip-mode none behind a load balancer");
        if (mode == Mode.HOOK && !Files.isExecutable(Path.of(hook)))
            problems.add("--vip-hook " + hook + " is not an executable file");
        return problems;
    }

    public void add(Vip vip) throws VipException {
        switch (mode) {
            case KERNEL -> {
                if (!vip.equals(routeDecidedFor)) decideRoute(vip, interfaceAddresses(vip, "add"));
                ip(vip, "add", addArguments(vip));
            }
            case HOOK -> hook(vip, "add");
            case NONE -> { return; }
        }
        LOG.info("HA_VIP_ACQUIRED {} on {} ({} mode)", vip, iface, mode.name().toLowerCase(Locale.ROOT));
    }

    public void renew(Vip vip) throws VipException {
        switch (mode) {
            case KERNEL -> ip(vip, "renew", addArguments(vip));
            case HOOK -> hook(vip, "renew");
            case NONE -> { }
        }
    }

    /** Removes the VIP; one that is gone already (the watchdog or the kernel was first) counts as removed. */
    public void drop(Vip vip) throws VipException {
        arp.stop();
        switch (mode) {
            case KERNEL -> {
                ProcessRunner.Outcome outcome = run(List.of("ip", "addr", "del", vip.cidr(), "dev", iface));
                if (!outcome.ok() && !absent(outcome.output())) throw failed(vip, "remove", outcome.describe());
            }
            case HOOK -> hook(vip, "del");
            case NONE -> { return; }
        }
        LOG.info("HA_VIP_RELEASED {} from {}", vip, iface);
    }

    /**
     * At start, before this node can be active: a VIP address on the interface was left by a crashed run (or
     * configured by hand) and must go, whatever its prefix, or two nodes would answer for it.
     */
    public void removeStale(Vip vip) {
        try {
            switch (mode) {
                case KERNEL -> {
                    String addresses = interfaceAddresses(vip, "look for a stale");
                    decideRoute(vip, addresses);
                    Matcher m = INET.matcher(addresses);
                    while (m.find()) {
                        if (!m.group(1).equals(vip.address().toString())) continue;
                        Vip stale = new Vip(vip.address(), Integer.parseInt(m.group(2)));
                        ProcessRunner.Outcome removed = run(List.of("ip", "addr", "del", stale.cidr(), "dev", iface));
                        if (!removed.ok() && !absent(removed.output())) throw failed(stale, "remove the stale", removed.describe());
                        LOG.warn("HA_VIP_STALE_REMOVED {} was on {} before this node became active (left by an earlier "
                                + "run, or added by hand: let Pharos manage the VIP)", stale, iface);
                    }
                }
                case HOOK -> hook(vip, "del");
                case NONE -> { }
            }
        } catch (VipException e) {
            // Already logged; the address also expires by itself (valid_lft) if this run added it.
        }
    }

    /** Gratuitous ARP from this node for the VIP, in the background (kernel mode; a hook announces itself). */
    public void announce(Vip vip) {
        if (mode == Mode.KERNEL) arp.announce(vip);
    }

    /**
     * The arguments of {@code ip addr replace} for the VIP. A VIP inside the network of one of the interface's own
     * addresses gets no prefix route of its own (noprefixroute): with one, a VIP of a longer prefix (a /24 VIP on
     * a /16 interface) becomes the kernel's preferred source for that range, and the node's Raft and replication
     * traffic to its peers would leave from the VIP, which moves to another node at the next failover.
     */
    private String[] addArguments(Vip vip) {
        List<String> args = new ArrayList<>(List.of("addr", "replace", vip.cidr(), "dev", iface,
                "valid_lft", Long.toString(lifetimeSeconds), "preferred_lft", Long.toString(lifetimeSeconds)));
        if (vip.equals(routeDecidedFor) && withoutRoute) args.add("noprefixroute");
        return args.toArray(String[]::new);
    }

    /** The interface's IPv4 addresses as {@code ip -o -4 addr show} prints them; {@code what} names the step that failed. */
    private String interfaceAddresses(Vip vip, String what) throws VipException {
        ProcessRunner.Outcome shown = run(List.of("ip", "-o", "-4", "addr", "show", "dev", iface));
        if (!shown.ok()) throw failed(vip, what, shown.describe());
        return shown.output();
    }

    /** Decided once per VIP from the interface's addresses, so that an activation spawns no extra {@code ip}. */
    private void decideRoute(Vip vip, String ipAddrShow) {
        withoutRoute = coveredByOwnAddress(vip, ipAddrShow);
        routeDecidedFor = vip;
    }

    /** Whether another address of the interface (from {@code ip -o -4 addr show}) has a network holding the VIP. */
    static boolean coveredByOwnAddress(Vip vip, String ipAddrShow) {
        Matcher m = INET.matcher(ipAddrShow);
        while (m.find()) {
            Ipv4 own = Ipv4.parse(m.group(1));
            int prefix = Integer.parseInt(m.group(2));
            if (own.equals(vip.address())) continue;
            if (prefix <= vip.prefix() && Cidr.containing(own, prefix).contains(vip.address())) return true;
        }
        return false;
    }

    private void ip(Vip vip, String what, String... args) throws VipException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        ProcessRunner.Outcome outcome = run(command);
        if (!outcome.ok()) throw failed(vip, what, outcome.describe());
    }

    private void hook(Vip vip, String action) throws VipException {
        ProcessRunner.Outcome outcome = run(List.of(hook, action, vip.cidr(), iface));
        if (!outcome.ok()) throw failed(vip, "run the hook's " + action + " for", outcome.describe());
    }

    private ProcessRunner.Outcome run(List<String> command) throws VipException {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(command);
        try {
            return ProcessRunner.run(full, COMMAND_TIMEOUT);
        } catch (IOException e) {
            return new ProcessRunner.Outcome(-1, e.getMessage(), false);
        }
    }

    private VipException failed(Vip vip, String what, String detail) {
        String fix = switch (mode) {
            case KERNEL -> "check that " + iface + " exists and is up and that Pharos runs as root or with "
                    + "CAP_NET_ADMIN; the kernel drops an address Pharos added within " + lifetimeSeconds + " s by itself";
            case HOOK -> "fix the hook " + hook + " (it must exit 0 within " + COMMAND_TIMEOUT.toSeconds() + " s)";
            case NONE -> "";
        };
        String message = "could not " + what + " VIP " + vip + " on " + iface + " (" + detail + "): " + fix;
        LOG.error("HA_VIP_FAILED {}", message);
        return new VipException(message);
    }

    private static boolean absent(String output) {
        return output.contains("Address not found") || output.contains("Cannot assign requested address");
    }

    /** Stops a running announcement; for close. */
    public void close() {
        arp.stop();
    }

    public static final class VipException extends Exception {
        VipException(String message) {
            super(message);
        }
    }
}
