package io.pharos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab the other e2e tests stand on: namespaces talk over the bridge, and nothing outlives close(). */
class NetnsLabE2E {

    @BeforeAll
    static void requirements() {
        Requirements.assumeRoot();
        Requirements.assumeBinaries("arping");
    }

    @Test
    void namespacesTalkOverTheBridgeAndAreGoneAfterClose() {
        String a;
        String b;
        String hostLinksBefore = Exec.run(Duration.ofSeconds(5), "ip", "-o", "link", "show").orFail().stdout();
        try (NetnsLab lab = NetnsLab.create()) {
            lab.bridge("lan0");
            a = lab.namespace("a");
            b = lab.namespace("b");
            lab.plug(a, "eth0", "lan0", "02:00:00:00:00:0a");
            lab.plug(b, "eth0", "lan0", null);
            lab.address(a, "eth0", "10.213.0.1/24");
            lab.address(b, "eth0", "10.213.0.2/24");

            ExecResult arping = lab.exec(b, Duration.ofSeconds(20), "arping", "-c", "1", "-w", "5", "-I", "eth0", "10.213.0.1");
            assertTrue(arping.ok() && arping.stdout().toLowerCase().contains("02:00:00:00:00:0a"), arping.describe());
            assertEquals(hostLinksBefore, Exec.run(Duration.ofSeconds(5), "ip", "-o", "link", "show").stdout(),
                    "the lab must not add or change interfaces of the host namespace");
        }
        String left = Exec.run(Duration.ofSeconds(5), "ip", "netns", "list").orFail().stdout();
        assertFalse(left.contains(a) || left.contains(b), "namespaces left after close(): " + left);
    }
}
