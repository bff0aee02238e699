package io.pharos.node.ha;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VIP's dead man's switch: a small bash process (resource ha/vip-watchdog.sh, extracted to DATA/ha/) that
 * removes the VIP when this JVM stops renewing its hold: frozen (SIGSTOP, a long GC pause), killed (its stdin
 * reaches EOF, even after kill -9) or too slow. It is a process and not a thread because a frozen JVM freezes
 * all its threads; it runs in a session of its own (setsid), so signals to the JVM's process group miss it.
 * Its output goes to DATA/ha/watchdog.log, never to a pipe: a pipe to a dead JVM would kill it with SIGPIPE.
 */
public final class VipWatchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VipWatchdog.class);
    private static final String RESOURCE = "/ha/vip-watchdog.sh";

    private final List<String> command;
    private final Path log;
    private Process process;
    private OutputStream in;
    private String holding;

    private VipWatchdog(List<String> command, Path log) {
        this.command = command;
        this.log = log;
    }

    /**
     * Extracts the script to {@code dir} and starts it.
     *
     * @param mode          {@link VipActuator.Mode#KERNEL} or {@link VipActuator.Mode#HOOK}
     * @param commandPrefix put before the script, e.g. {@code ip netns exec NS}; empty for the host
     */
    public static VipWatchdog start(Path dir, VipActuator.Mode mode, String iface, String hook,
                                    List<String> commandPrefix) throws IOException {
        if (mode == VipActuator.Mode.NONE) throw new IllegalArgumentException("no watchdog without a VIP to guard");
        Files.createDirectories(dir);
        Path script = dir.resolve("vip-watchdog.sh");
        try (InputStream source = VipWatchdog.class.getResourceAsStream(RESOURCE)) {
            if (source == null) throw new IOException("resource " + RESOURCE + " missing from the Pharos jar");
            Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) command.add("/usr/bin/setsid");
        command.addAll(commandPrefix);
        command.addAll(List.of("/bin/bash", script.toString(), mode.name().toLowerCase(Locale.ROOT), iface));
        if (mode == VipActuator.Mode.HOOK) command.add(hook);
        VipWatchdog watchdog = new VipWatchdog(List.copyOf(command), dir.resolve("watchdog.log"));
        watchdog.launch();
        return watchdog;
    }

    private void launch() throws IOException {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // The old watchdog is gone; its pipe with it.
            }
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        in = process.getOutputStream();
        holding = null;
        LOG.info("HA_WATCHDOG_STARTED pid={} log={}", process.pid(), log);
    }

    /**
     * Lets the watchdog keep {@code vip} for {@code millis} more, and no longer. Returns false (and the VIP must
     * be treated as unguarded) when the watchdog cannot be reached even after a restart.
     */
    public synchronized boolean hold(Vip vip, long millis) {
        if (millis <= 0) return true;
        boolean sent = send("hold " + millis + " " + vip.cidr());
        if (sent) holding = vip.cidr();
        return sent;
    }

    /** This JVM removes the VIP itself: the watchdog forgets it. */
    public synchronized void release() {
        if (holding != null) send("release");
        holding = null;
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    private boolean send(String line) {
        return write(line + "\n");
    }

    /** Writes raw text to the watchdog's stdin (tests send a line in pieces, as a slow writer might). */
    synchronized boolean write(String text) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (!process.isAlive()) throw new IOException("exited with " + process.exitValue());
                in.write(text.getBytes(StandardCharsets.US_ASCII));
                in.flush();
                return true;
            } catch (IOException e) {
                LOG.error("HA_WATCHDOG_DIED pid={} ({}): restarting it; see {} and check that bash and ip are "
                        + "installed", process.pid(), e.getMessage(), log);
                try {
                    launch();
                } catch (IOException again) {
                    LOG.error("HA_WATCHDOG_FAILED cannot restart the VIP watchdog ({}): the VIP now depends on this "
                            + "JVM and the kernel's lifetime alone; check {}", again.getMessage(), log);
                    return false;
                }
            }
        }
        return false;
    }

    /** Closes its stdin: it drops a VIP it still holds and exits, as after a crash of this JVM. */
    @Override
    public synchronized void close() {
        if (process == null) return;
        try {
            in.close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
