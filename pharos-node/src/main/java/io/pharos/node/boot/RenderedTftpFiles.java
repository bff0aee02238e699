package io.pharos.node.boot;

import io.pharos.core.net.Mac;
import io.pharos.node.tftp.TftpFile;
import io.pharos.node.tftp.TftpFileSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-machine boot loader configurations, rendered when a TFTP client opens them:
 * <ul>
 *   <li>{@code pxelinux.cfg/01-aa-bb-cc-dd-ee-ff}: PXELINUX asks for "01-" (ARP type Ethernet) and its MAC
 *       in dashes first (PXELINUX config search order);</li>
 *   <li>{@code pxelinux.cfg/default}: the last name PXELINUX tries, rendered for an unknown machine;</li>
 *   <li>{@code grub.cfg-01-aa-bb-cc-dd-ee-ff} in any folder (GRUB's net boot looks in its prefix, usually
 *       {@code grub/}).</li>
 * </ul>
 * Every other name is not found here. Place this source before the store and the boot root.
 */
public final class RenderedTftpFiles implements TftpFileSource {
    private static final String MAC_DASHES = "(\\p{XDigit}{2}(?:-\\p{XDigit}{2}){5})";
    private static final Pattern PXELINUX = Pattern.compile("pxelinux\\.cfg/01-" + MAC_DASHES);
    private static final Pattern GRUB = Pattern.compile("(?:.*/)?grub\\.cfg-01-" + MAC_DASHES);
    private static final String PXELINUX_DEFAULT = "pxelinux.cfg/default";

    private final BootScripts scripts;
    private final String advertiseAddress;
    private final int httpPort;
    private final BootCounters counters;

    /**
     * @param advertiseAddress the address boot URLs name (the VIP), or null for this host's address facing
     *                         the client
     * @param httpPort         the port of the HTTP boot service, for server.http in templates
     */
    public RenderedTftpFiles(BootScripts scripts, String advertiseAddress, int httpPort, BootCounters counters) {
        this.scripts = scripts;
        this.advertiseAddress = advertiseAddress;
        this.httpPort = httpPort;
        this.counters = counters;
    }

    @Override
    public Optional<TftpFile> open(String requestedPath, InetSocketAddress client) throws IOException {
        String path = TftpPaths.normalize(requestedPath);
        if (path.equals(PXELINUX_DEFAULT)) return Optional.of(render(null, DefaultContent.PXELINUX, client));
        Matcher pxelinux = PXELINUX.matcher(path);
        if (pxelinux.matches()) return Optional.of(render(Mac.parse(pxelinux.group(1)), DefaultContent.PXELINUX, client));
        Matcher grub = GRUB.matcher(path);
        if (grub.matches()) return Optional.of(render(Mac.parse(grub.group(1)), DefaultContent.GRUB, client));
        return Optional.empty();
    }

    private TftpFile render(Mac mac, String loader, InetSocketAddress client) throws IOException {
        counters.requests.increment();
        ServerUrls server = ServerUrls.facing(client.getAddress(), advertiseAddress, httpPort);
        try {
            return TftpFile.ofBytes(scripts.render(mac, loader, "", server).text().getBytes(StandardCharsets.UTF_8));
        } catch (TemplateException e) {
            // Sent to the client as TFTP error 0 with this text; BootScripts has logged it.
            throw new IOException(e.getMessage(), e);
        }
    }
}
