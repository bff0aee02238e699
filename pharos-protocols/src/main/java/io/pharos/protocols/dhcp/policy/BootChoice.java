package io.pharos.protocols.dhcp.policy;

import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.protocols.dhcp.DhcpMessage;
import java.util.List;
import java.util.Optional;

/**
 * What a network-booting client is told to load. iPXE (option 77 "iPXE" or option 175) chains to its
 * per-machine script over HTTP; otherwise the client architecture (option 93, RFC 4578 §2.1, numbers from
 * the IANA "Processor Architecture Types" registry) picks an iPXE build to load over TFTP, or a URL for
 * UEFI HTTP boot.
 *
 * @param file        the boot file name or URL, for the file field
 * @param nextServer  siaddr: where the client fetches a TFTP file from
 * @param vendorClass option 60 to send back: "PXEClient" to PXE clients (PXE 2.1 §2.2), "HTTPClient" for
 *                    UEFI HTTP boot (UEFI 2.x §24.7.2), else empty
 */
public record BootChoice(String file, Ipv4 nextServer, Optional<String> vendorClass) {
    static final int ARCH_BIOS = 0;
    static final int ARCH_EFI_X64 = 7;
    static final int ARCH_EFI_BC = 9;
    static final int ARCH_EFI_ARM64 = 11;
    static final int ARCH_EFI_X64_HTTP = 16;
    static final String PXE_CLIENT = "PXEClient";
    static final String HTTP_CLIENT = "HTTPClient";

    /** Empty for a client that is not network-booting (no iPXE, no PXE vendor class, no option 93). */
    static Optional<BootChoice> choose(DhcpMessage request, Mac mac, Ipv4 server, Ipv4 nextServer,
                                       DhcpPolicySettings settings) {
        String vendor = request.vendorClass().orElse("");
        boolean pxe = vendor.startsWith(PXE_CLIENT);
        Optional<String> pxeEcho = pxe ? Optional.of(PXE_CLIENT) : Optional.empty();
        if (request.isIpxe())
            return Optional.of(new BootChoice(url(server, settings, "/boot/ipxe/" + mac), nextServer, pxeEcho));
        List<Integer> archs = request.clientArch();
        // A PXE client without option 93 predates RFC 4578: a legacy BIOS ROM.
        int arch = !archs.isEmpty() ? archs.get(0) : pxe ? ARCH_BIOS : -1;
        return switch (arch) {
            case ARCH_BIOS -> Optional.of(new BootChoice(settings.biosBootfile(), nextServer, pxeEcho));
            case ARCH_EFI_X64, ARCH_EFI_BC -> Optional.of(new BootChoice(settings.uefiBootfile(), nextServer, pxeEcho));
            case ARCH_EFI_ARM64 -> Optional.of(new BootChoice(settings.arm64Bootfile(), nextServer, pxeEcho));
            case ARCH_EFI_X64_HTTP -> Optional.of(new BootChoice(
                    url(server, settings, "/boot/files/" + settings.httpBootfile()), nextServer, Optional.of(HTTP_CLIENT)));
            default -> Optional.empty();
        };
    }

    private static String url(Ipv4 server, DhcpPolicySettings settings, String path) {
        return "http://" + server + ":" + settings.httpPort() + path;
    }
}
