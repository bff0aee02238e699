/**
 * The node's one HTTP listener and the helpers every HTTP handler shares.
 *
 * <p>{@link io.pharos.node.http.HttpHost} wraps the JDK {@code com.sun.net.httpserver.HttpServer} (no
 * third-party server: the JDK one is well kept and enough for provisioning traffic) with one virtual thread
 * per exchange. Services mount plain {@code HttpHandler}s under path prefixes ("/api/v1", "/boot"); each is
 * wrapped so that it is counted and so that an exception becomes a 500 JSON answer, never a dead server.
 * Handlers answer through {@link io.pharos.node.http.HttpResponses}; API handlers check tokens with
 * {@link io.pharos.node.http.ApiAuth}.
 */
package io.pharos.node.http;
