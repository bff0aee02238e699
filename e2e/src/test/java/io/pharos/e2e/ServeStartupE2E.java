package io.pharos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * `pharos serve` with its HTTP port already taken by another program: the start-up output says which
 * port, why and how to fix it, PHAROS_READY still comes, and the services that could start (TFTP) work.
 */
class ServeStartupE2E {

    @Test
    void anOccupiedPortIsReportedAndTheOtherServicesStillStart() throws IOException, InterruptedException {
        Requirements.assumeRoot();
        Requirements.assumeBinaries("busybox", "atftp", "ss");
        try (NetnsLab lab = NetnsLab.create()) {
            String server = lab.namespace("srv");
            lab.start(server, lab.workDir().resolve("squatter.log"), "busybox", "nc", "-l", "-p",
                    String.valueOf(PharosProcess.HTTP_PORT));
            awaitListening(lab, server);

            try (PharosProcess pharos = PharosProcess.start(lab, server)) {
                String httpLine = pharos.readLog().lines().filter(l -> l.strip().startsWith("http "))
                        .findFirst().orElseThrow(() -> new AssertionError("no 'http' start-up line:\n" + pharos.readLog()));
                assertTrue(httpLine.contains("NOT STARTED") && httpLine.contains(":" + PharosProcess.HTTP_PORT),
                        "the line must say HTTP did not start and name the port: " + httpLine);
                assertTrue(httpLine.contains("Address already in use"), "the line must say why: " + httpLine);
                assertTrue(httpLine.contains("--http-address"), "the line must name the flag that fixes it: " + httpLine);

                Path file = pharos.bootRoot().resolve("still-served.bin");
                Files.write(file, new byte[] {1, 2, 3, 4, 5});
                Path out = lab.workDir().resolve("still-served.out");
                ExecResult tftp = lab.exec(server, Duration.ofSeconds(20), "atftp", "--get", "--remote-file",
                        "still-served.bin", "--local-file", out.toString(), "127.0.0.1", "69");
                assertEquals(0, tftp.exitCode(), "TFTP must run although HTTP could not start: " + tftp.describe());
                assertEquals(Sha256.of(file), Sha256.of(out));
            }
        }
    }

    private static void awaitListening(NetnsLab lab, String ns) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (lab.exec(ns, "ss", "-ltn").stdout().contains(":" + PharosProcess.HTTP_PORT + " ")) return;
            Thread.sleep(100);
        }
        throw new AssertionError("busybox nc did not start listening on " + PharosProcess.HTTP_PORT
                + ": " + lab.exec(ns, "ss", "-ltn").stdout());
    }
}
