package io.pharos.node.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps every mounted handler: counts the exchange, and turns any exception into a 500 JSON answer (or,
 * when the answer has already begun, a closed connection), so that no handler can take the server down.
 */
final class GuardedHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(GuardedHandler.class);

    private final HttpHandler handler;
    private final HttpCounters counters;

    GuardedHandler(HttpHandler handler, HttpCounters counters) {
        this.handler = handler;
        this.counters = counters;
    }

    @Override
    public void handle(HttpExchange exchange) {
        counters.requests.increment();
        exchange.setStreams(CountingStreams.in(exchange.getRequestBody(), counters.bytesIn),
                CountingStreams.out(exchange.getResponseBody(), counters.bytesOut));
        try {
            handler.handle(exchange);
            if (exchange.getResponseCode() < 0) {
                counters.handlerFailures.increment();
                log.error("HTTP_HANDLER_NO_RESPONSE {} {} handler {} returned without answering; this is a bug in"
                                + " Pharos, please report it", exchange.getRequestMethod(), exchange.getRequestURI(),
                        handler.getClass().getName());
                HttpResponses.error(exchange, 500, "the server did not produce an answer; this is a bug in Pharos,"
                        + " please report it with the server log");
            }
        } catch (Exception | StackOverflowError e) {
            failed(exchange, e);
        } finally {
            counters.countStatus(exchange.getResponseCode());
            exchange.close();
        }
    }

    private void failed(HttpExchange exchange, Throwable e) {
        boolean begun = exchange.getResponseCode() >= 0;
        if (begun && e instanceof IOException) {
            // The client went away mid-answer (closed tab, timeout): not a server fault.
            log.debug("HTTP_CLIENT_GONE {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
            return;
        }
        counters.handlerFailures.increment();
        log.error("HTTP_HANDLER_FAILED {} {} from {}: {}; the request was answered 500 and the server keeps running;"
                        + " this is a bug in Pharos, please report it with this stack trace", exchange.getRequestMethod(),
                exchange.getRequestURI(), exchange.getRemoteAddress(), e.toString(), e);
        if (begun) return;
        try {
            HttpResponses.error(exchange, 500, "internal error while handling " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath() + " (" + e.getClass().getSimpleName()
                    + "); the server log has the details under HTTP_HANDLER_FAILED");
        } catch (IOException | RuntimeException ignored) {
            // The client is gone; nothing more to tell it.
        }
    }
}
