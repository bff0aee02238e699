package io.pharos.e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ending processes this test started, by PID only: SIGKILL to the process and to its descendants. */
public final class Processes {
    private Processes() {}

    /** SIGKILL to the process and every descendant it spawned (e.g. a shell loop's current client). */
    public static void killTree(Process process) {
        killTree(process.toHandle());
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void killTree(ProcessHandle handle) {
        List<ProcessHandle> descendants = handle.descendants().toList();
        handle.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** SIGTERM, so that the process can flush its output (e.g. tcpdump); SIGKILL if still there after 5 s. */
    public static void terminate(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) killTree(process);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL to one PID (read from a PID file of a daemon this test started), waiting until it is gone. */
    public static void killPid(long pid, Duration wait) {
        ProcessHandle.of(pid).ifPresent(handle -> {
            handle.destroyForcibly();
            try {
                handle.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // reported by the caller's own checks if it matters
            }
        });
    }
}
