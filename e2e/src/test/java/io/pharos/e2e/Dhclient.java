package io.pharos.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ISC dhclient on one interface of a lab namespace, with its own config, lease file, PID file and script in
 * a private directory, so nothing of the host's dhclient state is read or written. The script records the
 * environment dhclient passes for each event ("env.BOUND", "env.RENEW", ...) and configures the address so
 * that unicast renewals and releases can be sent.
 */
public final class Dhclient {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(45);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final NetnsLab lab;
    private final String ns;
    private final String ifname;
    private final Path dir;

    /** declineOffers: the script fails on BOUND, which makes dhclient send DHCPDECLINE (dhclient.c bind_lease). */
    public Dhclient(NetnsLab lab, String ns, String ifname, boolean declineOffers) {
        this.lab = lab;
        this.ns = ns;
        this.ifname = ifname;
        try {
            dir = Files.createDirectories(lab.workDir().resolve("dhclient-" + INSTANCES.incrementAndGet()));
            Files.writeString(dir.resolve("dhclient.conf"), """
                    timeout 20;
                    retry 2;
                    initial-interval 1;
                    request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers,
                            ntp-servers, interface-mtu, host-name, dhcp-lease-time, dhcp-server-identifier;
                    """);
            Files.writeString(dir.resolve("leases"), ""); // dhclient refuses a lease file that does not exist
            Path script = dir.resolve("script.sh");
            Files.writeString(script, """
                    #!/bin/sh
                    dir='%s'
                    env | grep -E '^(reason|interface|new_|old_|requested_)' | sort > "$dir/env.$reason"
                    echo "$reason" >> "$dir/reasons"
                    case "$reason" in
                      BOUND|REBOOT) if [ %s = true ]; then exit 1; fi
                            ip addr flush dev "$interface"
                            ip addr add "$new_ip_address/$new_subnet_mask" dev "$interface" ;;
                      RENEW|REBIND) ip addr replace "$new_ip_address/$new_subnet_mask" dev "$interface" ;;
                      RELEASE|EXPIRE|STOP|FAIL) ip addr flush dev "$interface" ;;
                    esac
                    exit 0
                    """.formatted(dir, declineOffers));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** `dhclient -1`: one attempt; on success dhclient keeps running in the background to renew. */
    public ExecResult obtain() {
        return lab.exec(ns, RUN_TIMEOUT, command("-1"));
    }

    /** `dhclient -r`: sends DHCPRELEASE and stops the background dhclient (through its PID file). */
    public ExecResult release() {
        return lab.exec(ns, RUN_TIMEOUT, command("-r"));
    }

    /** `dhclient -x`: stops the background dhclient without releasing. */
    public ExecResult stop() {
        return lab.exec(ns, RUN_TIMEOUT, command("-x"));
    }

    private String[] command(String mode) {
        return new String[] {"dhclient", mode, "-4", "-v", "-cf", dir.resolve("dhclient.conf").toString(),
                "-lf", dir.resolve("leases").toString(), "-pf", dir.resolve("pid").toString(),
                "-sf", dir.resolve("script.sh").toString(), ifname};
    }

    /** The variables dhclient gave its script for the last event with this reason, or empty if none yet. */
    public Map<String, String> env(String reason) {
        return ScriptEnv.read(dir.resolve("env." + reason));
    }

    public List<String> reasons() {
        try {
            Path file = dir.resolve("reasons");
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (bounded) until the script was called with this reason. */
    public boolean awaitReason(String reason, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (reasons().contains(reason)) return true;
            Thread.sleep(200);
        }
        return false;
    }
}
