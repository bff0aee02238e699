package io.pharos.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The preconditions of the end-to-end tests, checked as JUnit assumptions so that a machine without them
 * skips the tests with a printed reason instead of failing or passing silently.
 */
public final class Requirements {
    private Requirements() {}

    /** Root (network namespaces, ports 67 and 69) and the ip tool. */
    public static void assumeRoot() {
        boolean root = "root".equals(System.getProperty("user.name"))
                || Exec.run(Duration.ofSeconds(5), "id", "-u").stdout().strip().equals("0");
        skipUnless(root, "end-to-end tests need root (network namespaces, DHCP port 67, TFTP port 69);"
                + " run ./run-tests as root");
        assumeBinaries("ip");
    }

    /** Each named program is on PATH (or the /usr/sbin, /sbin directories sudo-less shells miss). */
    public static void assumeBinaries(String... names) {
        for (String name : names)
            skipUnless(which(name) != null, "'" + name + "' is not installed; .ci/run installs it"
                    + " (apt-get install " + debianPackage(name) + ")");
    }

    public static void assumeFile(Path file, String debianPackage) {
        skipUnless(Files.isRegularFile(file), file + " is missing; apt-get install " + debianPackage);
    }

    public static String which(String name) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin").split(":")) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        return null;
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) System.out.println("E2E_SKIPPED: " + reason);
        assumeTrue(condition, reason);
    }

    private static String debianPackage(String binary) {
        return switch (binary) {
            case "ip" -> "iproute2";
            case "dhclient" -> "isc-dhcp-client";
            case "dhcrelay" -> "isc-dhcp-relay";
            case "tftp" -> "tftp-hpa";
            case "perfdhcp" -> "kea-admin";
            case "iptables-legacy" -> "iptables";
            case "kea-dhcp4" -> "kea-dhcp4-server";
            case "qemu-system-x86_64" -> "qemu-system-x86 ipxe-qemu";
            default -> binary;
        };
    }
}
