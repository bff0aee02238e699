package io.pharos.node.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP listener of a node (JDK {@link HttpServer}, one virtual thread per exchange). Services mount
 * handlers under path prefixes; the longest matching prefix wins. Requests under no prefix get a 404 that
 * names the prefixes that exist.
 */
public final class HttpHost {
    private static final Logger log = LoggerFactory.getLogger(HttpHost.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpCounters counters = new HttpCounters();
    private final Map<String, HttpHandler> mounted = new TreeMap<>();

    private HttpHost(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts serving. A failure to bind throws a {@link BindException} whose message names the
     * address, the reason and the fix, so the caller can report it and start the other services.
     */
    public static HttpHost start(InetSocketAddress address) throws BindException {
        HttpServer server;
        try {
            server = HttpServer.create(address, 128);
        } catch (IOException e) {
            BindException failure = new BindException(bindMessage(address, e));
            failure.initCause(e);
            throw failure;
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        HttpHost host = new HttpHost(server, executor);
        server.createContext("/", new GuardedHandler(host::notFound, host.counters));
        server.start();
        log.info("HTTP_LISTENING http://{}:{}", address.getHostString(), server.getAddress().getPort());
        return host;
    }

    private static String bindMessage(InetSocketAddress address, IOException e) {
        String where = address.getHostString() + ":" + address.getPort();
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String fix;
        if (why.contains("in use"))
            fix = "another program (or another Pharos) listens there; stop it or choose another port with --http-address ADDR:PORT";
        else if (why.contains("ermission") || why.contains("denied"))
            fix = "ports below 1024 need root or CAP_NET_BIND_SERVICE; run as root, grant the capability, or choose a port >= 1024 with --http-address ADDR:PORT";
        else if (why.contains("assign"))
            fix = "the address is not configured on this machine; use one of its addresses or 0.0.0.0 with --http-address ADDR:PORT";
        else
            fix = "check --http-address ADDR:PORT";
        return "cannot listen for HTTP on " + where + ": " + why + "; " + fix;
    }

    /** Serves every path starting with pathPrefix (e.g. "/api/v1", "/boot") with handler; replaces an earlier mount. */
    public synchronized void mount(String pathPrefix, HttpHandler handler) {
        if (!pathPrefix.startsWith("/") || (pathPrefix.length() > 1 && pathPrefix.endsWith("/")))
            throw new IllegalArgumentException("mount prefix must start with '/' and not end with one: '" + pathPrefix + "'");
        if (mounted.containsKey(pathPrefix) || pathPrefix.equals("/")) server.removeContext(pathPrefix);
        server.createContext(pathPrefix, new GuardedHandler(handler, counters));
        mounted.put(pathPrefix, handler);
    }

    /** The address actually bound (the real port when started on port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public HttpStats stats() {
        return counters.snapshot();
    }

    public synchronized List<String> prefixes() {
        return List.copyOf(mounted.keySet());
    }

    /** Stops accepting, lets running exchanges finish for up to a second, then stops their threads. */
    public void stop() {
        stop(Duration.ofSeconds(1));
    }

    public void stop(Duration drain) {
        server.stop((int) Math.max(0, Math.min(Integer.MAX_VALUE, drain.toSeconds())));
        executor.shutdownNow();
        log.info("HTTP_STOPPED port {}", server.getAddress().getPort());
    }

    private void notFound(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        HttpResponses.error(exchange, 404, "nothing is served at " + exchange.getRequestURI().getPath()
                + "; paths start with " + String.join(", ", prefixes()));
    }
}
