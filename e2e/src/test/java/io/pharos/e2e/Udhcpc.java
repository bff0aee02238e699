package io.pharos.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Busybox udhcpc in the foreground, quitting once bound (-q), with a script that records the variables
 * of each event ("env.bound", ...) in a private directory and changes nothing on the interface.
 */
public final class Udhcpc {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final NetnsLab lab;
    private final String ns;
    private final Path dir;

    public Udhcpc(NetnsLab lab, String ns) {
        this.lab = lab;
        this.ns = ns;
        try {
            dir = Files.createDirectories(lab.workDir().resolve("udhcpc-" + INSTANCES.incrementAndGet()));
            Path script = dir.resolve("script.sh");
            Files.writeString(script, """
                    #!/bin/sh
                    env | sort > '%s'/"env.$1"
                    exit 0
                    """.formatted(dir));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One lease attempt: 4 discovers 2 s apart, then exit 1 (-n); exit 0 once bound (-q). */
    public ExecResult obtain(String ifname) {
        return lab.exec(ns, Duration.ofSeconds(30), "udhcpc", "-i", ifname, "-f", "-q", "-n", "-t", "4", "-T", "2",
                "-O", "ntpsrv", "-O", "mtu", "-O", "domain", "-s", dir.resolve("script.sh").toString());
    }

    public Map<String, String> env(String event) {
        return ScriptEnv.read(dir.resolve("env." + event));
    }
}
