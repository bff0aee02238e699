package io.pharos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged means durable (ARCHITECTURE invariant 2): while many clients are getting leases, the server
 * is killed with SIGKILL; after a restart on the same data dir every lease a client saw ACKed is there, and
 * new clients get addresses no acknowledged client holds (invariant 3).
 */
class CrashRecoveryE2E {
    private static final int CLIENTS = 120;
    private static final int KILL_AFTER_ACKS = 40;

    @Test
    void everyAckedLeaseSurvivesKillMinus9() throws IOException, InterruptedException {
        Requirements.assumeRoot();
        Requirements.assumeBinaries("udhcpc");
        try (ServerLan lan = ServerLan.start()) {
            PharosApi api = lan.api();
            api.cli("subnets", "create", "lan", "--cidr", "10.213.0.0/24", "--range", "10.213.0.10-10.213.0.250",
                    "--lease-time", "1h").orFail();
            String crowd = lan.client("crowd", null);
            Path acked = lan.lab().workDir().resolve("acked.txt");
            Files.createFile(acked);

            Process clients = lan.lab().start(crowd, lan.lab().workDir().resolve("crowd.log"),
                    "sh", clientLoop(lan.lab(), acked, "02:13:cc:00", CLIENTS).toString());
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (Files.readAllLines(acked).size() < KILL_AFTER_ACKS && System.nanoTime() < deadline && clients.isAlive())
                Thread.sleep(50);
            assertTrue(Files.readAllLines(acked).size() >= KILL_AFTER_ACKS,
                    "only " + Files.readAllLines(acked).size() + " clients were ACKed within 90 s; crowd log:\n"
                            + Files.readString(lan.lab().workDir().resolve("crowd.log")));

            lan.pharos().kill9();
            Thread.sleep(300); // an ACK already in flight when the JVM died is still recorded by its client
            Processes.killTree(clients);
            List<String[]> ackedLeases = parse(acked);
            System.out.println("E2E_CRASH: " + ackedLeases.size() + " of " + CLIENTS + " clients were ACKed before SIGKILL");

            lan.pharos().restart();
            List<JsonNode> leases = Leases.list(api);
            List<String> lost = new ArrayList<>();
            for (String[] ack : ackedLeases) {
                JsonNode lease = Leases.byAddress(leases, ack[0]).orElse(null);
                if (lease == null || !lease.path("mac").asText().equalsIgnoreCase(ack[1])
                        || !"BOUND".equals(lease.path("state").asText()))
                    lost.add(ack[0] + " ACKed to " + ack[1] + " but after restart: " + lease);
            }
            assertEquals(List.of(), lost, lost.size() + " of " + ackedLeases.size() + " ACKed leases were lost");

            Set<String> taken = new HashSet<>();
            ackedLeases.forEach(ack -> taken.add(ack[0]));
            Path after = lan.lab().workDir().resolve("after.txt");
            Files.createFile(after);
            ExecResult more = lan.lab().exec(crowd, java.time.Duration.ofSeconds(90),
                    "sh", clientLoop(lan.lab(), after, "02:13:dd:00", 5).toString());
            assertEquals(0, more.exitCode(), more.describe());
            List<String[]> newLeases = parse(after);
            assertEquals(5, newLeases.size(), "new clients after the restart must all get leases: " + more.describe());
            for (String[] lease : newLeases)
                assertFalse(taken.contains(lease[0]), lease[1] + " got " + lease[0] + ", already ACKed to another client");
        }
    }

    /**
     * A shell loop giving eth0 a new MAC per client and running one udhcpc each (2 tries, 1 s apart); the
     * udhcpc script appends "address mac" to the output file for each ACK.
     */
    private static Path clientLoop(NetnsLab lab, Path output, String macPrefix, int count) throws IOException {
        Path script = Files.createTempFile(lab.workDir(), "udhcpc-record", ".sh");
        Files.writeString(script, """
                #!/bin/sh
                [ "$1" = bound ] && echo "$ip $(cat /sys/class/net/$interface/address)" >> '%s'
                exit 0
                """.formatted(output));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path loop = Files.createTempFile(lab.workDir(), "client-loop", ".sh");
        Files.writeString(loop, ScriptEnv.udhcpcLoop(count, macPrefix, script));
        return loop;
    }

    private static List<String[]> parse(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2) out.add(parts);
        }
        return out;
    }
}
