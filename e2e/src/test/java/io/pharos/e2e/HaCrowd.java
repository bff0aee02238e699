package io.pharos.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Many DHCP clients one after another from one namespace: a shell loop gives eth0 a new MAC per client and runs
 * one busybox udhcpc (2 DISCOVERs 1 s apart, then give up), whose script appends "epochMillis address mac" for
 * every ACK. Bounded by the client count; each client gives up within about 3 s when nobody answers.
 */
public final class HaCrowd implements AutoCloseable {
    /** One ACK as its client saw it. */
    public record Ack(long atMillis, String address, String mac) {}

    private final Path acks;
    private final Process loop;

    private HaCrowd(Path acks, Process loop) {
        this.acks = acks;
        this.loop = loop;
    }

    public static HaCrowd start(NetnsLab lab, String ns, String macPrefix, int clients) {
        try {
            Path dir = Files.createTempDirectory(lab.workDir(), "crowd");
            Path acks = Files.createFile(dir.resolve("acks.txt"));
            Path script = dir.resolve("record.sh");
            Files.writeString(script, """
                    #!/bin/sh
                    [ "$1" = bound ] && echo "$(date +%%s%%3N) $ip $(cat /sys/class/net/$interface/address)" >> '%s'
                    exit 0
                    """.formatted(acks));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path loopScript = dir.resolve("loop.sh");
            Files.writeString(loopScript, ScriptEnv.udhcpcLoop(clients, macPrefix, script));
            Process loop = lab.start(ns, dir.resolve("loop.log"), "sh", loopScript.toString());
            return new HaCrowd(acks, loop);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Ack> acks() {
        try {
            List<Ack> out = new ArrayList<>();
            for (String line : Files.readAllLines(acks)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 3 && parts[0].matches("\\d+")) out.add(new Ack(Long.parseLong(parts[0]), parts[1], parts[2]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean running() {
        return loop.isAlive();
    }

    /** Waits (bounded) until at least count ACKs were seen; false when the time ran out or the loop ended first. */
    public boolean awaitAcks(int count, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (acks().size() >= count) return true;
            if (!loop.isAlive()) return acks().size() >= count;
            ClusterLab.sleep(50);
        }
        return false;
    }

    /** The first ACK seen strictly after the given time, waiting for it (bounded). */
    public java.util.Optional<Ack> awaitAckAfter(long afterMillis, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            var first = acks().stream().filter(a -> a.atMillis() > afterMillis).findFirst();
            if (first.isPresent() || !loop.isAlive()) return first;
            ClusterLab.sleep(50);
        }
        return java.util.Optional.empty();
    }

    /** Stops the loop (and its current udhcpc), by PID. */
    @Override
    public void close() {
        Processes.killTree(loop);
    }
}
