package io.pharos.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The REST API and the CLI of a Pharos running in a namespace. The test JVM cannot open sockets inside
 * another namespace, so requests go through `ip netns exec NS curl` and `ip netns exec NS ./pharos`.
 */
public final class PharosApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    private final NetnsLab lab;
    private final String ns;
    private final String endpoint;
    private final String token;

    public PharosApi(NetnsLab lab, String ns, String endpoint, String token) {
        this.lab = lab;
        this.ns = ns;
        this.endpoint = endpoint;
        this.token = token;
    }

    public String token() {
        return token;
    }

    public HttpReply get(String path) {
        return request("GET", "/api/v1" + path, null, null, true);
    }

    public HttpReply delete(String path) {
        return request("DELETE", "/api/v1" + path, null, null, true);
    }

    public HttpReply post(String path, Object json) {
        return request("POST", "/api/v1" + path, bodyFile(json), "application/json", true);
    }

    public HttpReply put(String path, Object json) {
        return request("PUT", "/api/v1" + path, bodyFile(json), "application/json", true);
    }

    /** PUT of a raw body (file uploads). */
    public HttpReply putFile(String path, Path content) {
        return request("PUT", "/api/v1" + path, content, "application/octet-stream", true);
    }

    /** GET of any server path (e.g. "/boot/ipxe/aa:bb:.."), without the API prefix and without a token. */
    public HttpReply getPublic(String path) {
        return request("GET", path, null, null, false);
    }

    /** `pharos --endpoint ... --token ... args...` run in the server's namespace. */
    public ExecResult cli(String... args) {
        List<String> command = new ArrayList<>(List.of(PharosProcess.launcher().toString(),
                "--endpoint", endpoint, "--token", token));
        command.addAll(List.of(args));
        return lab.exec(ns, TIMEOUT, command.toArray(String[]::new));
    }

    /** A CLI command that must succeed and print JSON (e.g. "leases", "list", "-o", "json"). */
    public JsonNode cliJson(String... args) {
        ExecResult result = cli(args).orFail();
        try {
            return HttpReply.JSON.readTree(result.stdout());
        } catch (JsonProcessingException e) {
            throw new AssertionError("pharos " + String.join(" ", args) + " did not print JSON: " + result.describe(), e);
        }
    }

    private HttpReply request(String method, String path, Path body, String contentType, boolean authorized) {
        Path out = lab.workDir().resolve("curl-" + REQUESTS.incrementAndGet() + ".out");
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-g", "--max-time", "20", "-X", method,
                "-o", out.toString(), "-w", "%{http_code}"));
        if (authorized) command.addAll(List.of("-H", "Authorization: Bearer " + token));
        if (body != null) {
            command.addAll(List.of("-H", "Content-Type: " + contentType, "--data-binary", "@" + body));
        }
        command.add(endpoint + path);
        ExecResult result = lab.exec(ns, TIMEOUT, command.toArray(String[]::new));
        String request = method + " " + path;
        if (!result.ok()) throw new AssertionError(request + " could not be sent: " + result.describe());
        try {
            String text = Files.exists(out) ? Files.readString(out) : "";
            Files.deleteIfExists(out);
            return new HttpReply(request, Integer.parseInt(result.stdout().strip()), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path bodyFile(Object json) {
        try {
            Path file = lab.workDir().resolve("body-" + REQUESTS.incrementAndGet() + ".json");
            Files.writeString(file, json instanceof String text ? text : HttpReply.JSON.writeValueAsString(json));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
