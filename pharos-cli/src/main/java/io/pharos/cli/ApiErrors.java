package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/** Turns failed exchanges into messages an operator can act on, with the exit code scripts can test. */
final class ApiErrors {
    static final String HOW_TO_PASS_A_TOKEN = "pass a token with --token TOKEN or set PHAROS_TOKEN=TOKEN"
            + " (the first admin token is printed once when `pharos serve` first starts; an admin creates more"
            + " with `pharos tokens create NAME`)";

    private ApiErrors() {}

    /** The exception for an answer with status >= 300; body is what the server sent (may be empty). */
    static CliException failure(URI endpoint, int status, String body, boolean tokenGiven) {
        String message = errorMessage(status, body);
        if (status == 401) {
            String hint = tokenGiven
                    ? "the token given with --token or PHAROS_TOKEN was not accepted; check it for typos, or "
                      + HOW_TO_PASS_A_TOKEN
                    : "no token was given; " + HOW_TO_PASS_A_TOKEN;
            return new CliException(ExitCode.REFUSED, message + "\n" + hint);
        }
        if (status >= 400 && status < 500) return new CliException(ExitCode.REFUSED, message);
        if (status >= 500)
            return new CliException(ExitCode.UNAVAILABLE, "Pharos at " + endpoint + " failed (HTTP " + status + "): "
                    + message);
        return new CliException(ExitCode.UNAVAILABLE, "Pharos at " + endpoint + " answered HTTP " + status
                + ", which this client does not expect; is --endpoint pointing at Pharos?");
    }

    /** The server's {"error": "..."} text, or the body itself, or the bare status. */
    static String errorMessage(int status, String body) {
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode error = CliJson.MAPPER.readTree(trimmed).path("error");
                if (error.isTextual() && !error.asText().isBlank()) return error.asText();
            } catch (IOException e) {
                // not JSON after all: show the text as it is
            }
        }
        if (trimmed.isEmpty()) return "HTTP " + status + " without an explanation";
        return trimmed.length() > 500 ? trimmed.substring(0, 500) + "…" : trimmed;
    }

    /** The exception for a request that got no answer at all. */
    static CliException unreachable(URI endpoint, Throwable cause) {
        return new CliException(ExitCode.UNAVAILABLE, "cannot reach Pharos at " + endpoint + ": " + reason(cause)
                + " — is `pharos serve` running? set --endpoint or PHAROS_ENDPOINT");
    }

    private static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) return "connecting timed out";
            if (t instanceof HttpTimeoutException) return "no answer in time";
            if (t instanceof UnresolvedAddressException) return "the host name does not resolve";
            if (t instanceof ConnectException && t.getMessage() != null && !t.getMessage().isBlank())
                return t.getMessage();
        }
        if (cause instanceof ConnectException) return "connection refused";
        return cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
