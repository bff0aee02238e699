package io.pharos.node.boot;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pharos.core.model.FileEntry;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import io.pharos.node.files.BlobStore;
import io.pharos.node.files.Commit;
import io.pharos.node.files.FilePaths;
import io.pharos.node.files.FilesApi;
import io.pharos.node.files.RangeResponder;
import io.pharos.node.files.StoredFile;
import io.pharos.node.http.HttpResponses;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /boot/}: what booting machines fetch, without authentication (firmware has no credentials).
 * Routes: ipxe/{mac}, register?mac=..., pxelinux/{mac}, grub/{mac}, files/{path...} (GET and HEAD).
 */
public final class BootHttp implements HttpHandler {
    public static final String PREFIX = "/boot";
    private static final Logger LOG = LoggerFactory.getLogger(BootHttp.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final State state;
    private final BootScripts scripts;
    private final MachineRegistrar registrar;
    private final BlobStore blobs;
    private final BootRoot bootRoot;
    private final Supplier<String> advertiseAddress;
    private final BootCounters counters;

    /**
     * @param advertiseAddress the address boot URLs name (the VIP, which may change at run time), or null/blank
     *                         for the one a request came in on
     */
    public BootHttp(State state, BootScripts scripts, MachineRegistrar registrar, BlobStore blobs, BootRoot bootRoot,
                    Supplier<String> advertiseAddress, BootCounters counters) {
        this.state = state;
        this.scripts = scripts;
        this.registrar = registrar;
        this.blobs = blobs;
        this.bootRoot = bootRoot;
        this.advertiseAddress = advertiseAddress;
        this.counters = counters;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        counters.requests.increment();
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            HttpResponses.error(exchange, 405, method + " is not supported under " + PREFIX + "/; use GET");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String rest = path.startsWith(PREFIX + "/") ? path.substring(PREFIX.length() + 1) : "";
        int slash = rest.indexOf('/');
        String route = slash < 0 ? rest : rest.substring(0, slash);
        String argument = slash < 0 ? "" : rest.substring(slash + 1);
        switch (route) {
            case "ipxe" -> script(exchange, argument, DefaultContent.IPXE);
            case "pxelinux" -> script(exchange, argument, DefaultContent.PXELINUX);
            case "grub" -> script(exchange, argument, DefaultContent.GRUB);
            case "register" -> register(exchange);
            case "files" -> file(exchange, argument);
            default -> notFound(exchange, "nothing is served at " + path + "; boot paths are " + PREFIX
                    + "/ipxe/{mac}, /register, /pxelinux/{mac}, /grub/{mac} and /files/{path}");
        }
    }

    private void script(HttpExchange exchange, String macText, String loader) throws IOException {
        Optional<Mac> mac = mac(exchange, macText);
        if (mac.isEmpty()) return;
        String text;
        try {
            text = scripts.render(mac.get(), loader, query(exchange).getOrDefault("arch", ""), server(exchange)).text();
        } catch (TemplateException e) {
            HttpResponses.error(exchange, 500, e.getMessage());
            return;
        }
        // iPXE runs a downloaded file as a script only if it starts with the #!ipxe signature.
        if (loader.equals(DefaultContent.IPXE) && !text.startsWith("#!ipxe")) text = "#!ipxe\n" + text;
        text(exchange, text);
    }

    private void register(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        Optional<Mac> mac = mac(exchange, query.getOrDefault("mac", ""));
        if (mac.isEmpty()) return;
        MachineRegistrar.Registration registration;
        try {
            registration = registrar.register(mac.get(), query);
        } catch (Commit.NotCommittedException e) {
            HttpResponses.error(exchange, 503, e.getMessage());
            return;
        } catch (MachineRegistrar.RefusedException e) {
            counters.refused.increment();
            HttpResponses.error(exchange, Commit.status(e.kind()), e.getMessage());
            return;
        }
        if (registration.created()) counters.registrations.increment();
        String name = registration.machine().name();
        text(exchange, "#!ipxe\n"
                + "echo Pharos: " + mac.get() + " is machine " + name + (registration.created() ? " (registered now)" : "") + "\n"
                + "chain --replace " + server(exchange).http() + PREFIX + "/ipxe/" + mac.get() + "\n");
    }

    private void file(HttpExchange exchange, String relativePath) throws IOException {
        Optional<String> problem = FilePaths.problem(relativePath);
        if (problem.isPresent()) {
            counters.refused.increment();
            HttpResponses.error(exchange, 400, problem.get());
            return;
        }
        Optional<FileEntry> entry = state.file(relativePath);
        if (entry.isPresent()) {
            StoredFile content;
            try {
                content = StoredFile.open(blobs, entry.get());
            } catch (NoSuchFileException e) {
                LOG.warn("BOOT_FILE_BLOB_MISSING path={} sha256={}: {}; wait for replication (see REPLICATION_*"
                        + " messages) or upload the file again", relativePath, entry.get().sha256(), e.getReason());
                HttpResponses.error(exchange, 503, "the content of '" + relativePath + "' is not on this node yet");
                return;
            }
            counters.filesServed.increment();
            RangeResponder.send(exchange, content, "application/octet-stream", FilesApi.etag(entry.get()));
            return;
        }
        Optional<FileChannel> onDisk;
        try {
            onDisk = bootRoot.open(relativePath);
        } catch (AccessDeniedException e) {
            counters.refused.increment();
            LOG.warn("BOOT_FILE_ESCAPE_REFUSED path={} from {}: {}; remove the symbolic link if it is not meant to"
                    + " be served", relativePath, exchange.getRemoteAddress(), e.getReason());
            HttpResponses.error(exchange, 403, "'" + relativePath + "' leads outside the boot root and is not served");
            return;
        }
        if (onDisk.isEmpty()) {
            notFound(exchange, "no file '" + relativePath + "' in the file store or the boot root " + bootRoot.path()
                    + "; upload it (PUT /api/v1/files/" + relativePath + ") or copy it into the boot root");
            return;
        }
        counters.filesServed.increment();
        RangeResponder.send(exchange, onDisk.get(), "application/octet-stream", null);
    }

    private Optional<Mac> mac(HttpExchange exchange, String text) throws IOException {
        try {
            return Optional.of(Mac.parse(text));
        } catch (IllegalArgumentException e) {
            counters.refused.increment();
            HttpResponses.error(exchange, 400, e.getMessage());
            return Optional.empty();
        }
    }

    private ServerUrls server(HttpExchange exchange) {
        InetSocketAddress local = exchange.getLocalAddress();
        String advertised = advertiseAddress.get();
        String address = advertised != null && !advertised.isBlank() ? advertised : local.getAddress().getHostAddress();
        return new ServerUrls(address, local.getPort());
    }

    private void notFound(HttpExchange exchange, String message) throws IOException {
        counters.notFound.increment();
        HttpResponses.error(exchange, 404, message);
    }

    private static void text(HttpExchange exchange, String body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", TEXT);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HttpResponses.bytes(exchange, 200, body.getBytes(StandardCharsets.UTF_8));
    }

    /** First value of each query parameter, percent-decoded. */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // A malformed %-escape from odd firmware: skip that parameter rather than the request.
            }
        }
        return out;
    }
}
