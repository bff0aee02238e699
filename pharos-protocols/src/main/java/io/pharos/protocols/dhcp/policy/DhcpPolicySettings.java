package io.pharos.protocols.dhcp.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * Node settings the DHCP decisions depend on.
 *
 * @param httpPort          port of the boot HTTP server, used in the boot URLs handed to iPXE and UEFI HTTP clients
 * @param biosBootfile      file for legacy BIOS PXE (RFC 4578 arch 0), served by TFTP from the boot root
 * @param uefiBootfile      file for x64 UEFI PXE (arch 7 and 9)
 * @param arm64Bootfile     file for ARM64 UEFI PXE (arch 11)
 * @param httpBootfile      path under /boot/files/ for x64 UEFI HTTP boot (arch 16)
 * @param offerHold         how long an offered address stays set aside for the client (RFC 2131 §4.3.1)
 * @param declineQuarantine how long an address a client declined (found in use) is not handed out (RFC 2131 §4.3.3)
 */
public record DhcpPolicySettings(int httpPort, String biosBootfile, String uefiBootfile, String arm64Bootfile,
                                 String httpBootfile, Duration offerHold, Duration declineQuarantine) {
    public static final DhcpPolicySettings DEFAULTS = new DhcpPolicySettings(8080, "undionly.kpxe", "ipxe.efi",
            "ipxe-arm64.efi", "ipxe.efi", Duration.ofSeconds(10), Duration.ofHours(24));

    /** The file field holds 128 bytes (RFC 2131 §2). */
    static final int MAX_FILE_NAME = 127;
    /** Leaves room for "http://255.255.255.255:65535/boot/files/" in front. */
    static final int MAX_HTTP_FILE_NAME = 80;

    public DhcpPolicySettings {
        if (httpPort < 1 || httpPort > 65535) throw new IllegalArgumentException("DHCP boot HTTP port must be 1..65535, not " + httpPort);
        requireFileName("BIOS boot file", biosBootfile, MAX_FILE_NAME);
        requireFileName("UEFI boot file", uefiBootfile, MAX_FILE_NAME);
        requireFileName("ARM64 UEFI boot file", arm64Bootfile, MAX_FILE_NAME);
        requireFileName("UEFI HTTP boot file", httpBootfile, MAX_HTTP_FILE_NAME);
        if (offerHold.isNegative() || offerHold.isZero())
            throw new IllegalArgumentException("DHCP offer hold time must be positive, e.g. 10s (RFC 2131 §4.3.1)");
        if (declineQuarantine.isNegative())
            throw new IllegalArgumentException("DHCP decline quarantine must not be negative, e.g. 24h");
    }

    private static void requireFileName(String what, String name, int max) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty() || name.length() > max || !name.chars().allMatch(c -> c > ' ' && c < 0x7f))
            throw new IllegalArgumentException(what + " must be 1.." + max + " printable ASCII characters without spaces "
                    + "(it goes into the 128-byte file field, RFC 2131 §2), not '" + name + "'");
    }

    public DhcpPolicySettings withHttpPort(int port) {
        return new DhcpPolicySettings(port, biosBootfile, uefiBootfile, arm64Bootfile, httpBootfile, offerHold, declineQuarantine);
    }
}
