package io.pharos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import org.junit.jupiter.api.Test;

/** What the user sees and which exit code a script gets for each kind of failure. */
class ErrorMappingTest {
    @Test
    void aRefusalPrintsTheServersMessageAndExitsOne() {
        RecordingTransport transport = new RecordingTransport()
                .answer(422, "{\"error\":\"cidr: not CIDR: '10.0.0/24' (expected e.g. 10.0.0.0/24)\"}");
        CliRun run = CliRun.run(transport, "subnets", "create", "lab", "--cidr", "10.0.0/24");

        assertEquals(ExitCode.REFUSED, run.exitCode());
        assertEquals("pharos: cidr: not CIDR: '10.0.0/24' (expected e.g. 10.0.0.0/24)\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void notFoundAndConflictExitOne() {
        for (int status : new int[] {400, 403, 404, 409}) {
            CliRun run = CliRun.run(new RecordingTransport().answer(status, "{\"error\":\"why " + status + "\"}"),
                    "subnets", "show", "x");
            assertEquals(ExitCode.REFUSED, run.exitCode());
            assertEquals("pharos: why " + status + "\n", run.err());
        }
    }

    @Test
    void unauthorizedWithoutATokenSaysHowToPassOne() {
        CliRun run = CliRun.run(new RecordingTransport().answer(401, "{\"error\":\"missing Authorization header\"}"),
                "subnets", "list");

        assertEquals(ExitCode.REFUSED, run.exitCode());
        assertTrue(run.err().contains("missing Authorization header"), run.err());
        assertTrue(run.err().contains("no token was given"), run.err());
        assertTrue(run.err().contains("--token TOKEN or set PHAROS_TOKEN"), run.err());
    }

    @Test
    void unauthorizedWithATokenSaysItWasNotAccepted() {
        CliRun run = CliRun.run(new RecordingTransport().answer(401, "{\"error\":\"the token is not valid\"}"),
                "--token", "a.b", "subnets", "list");

        assertTrue(run.err().contains("was not accepted"), run.err());
    }

    @Test
    void serverFailureExitsTwoAndNamesTheStatus() {
        CliRun run = CliRun.run(new RecordingTransport().answer(503, "{\"error\":\"not the leader; retry\"}"),
                "subnets", "list");

        assertEquals(ExitCode.UNAVAILABLE, run.exitCode());
        assertEquals("pharos: Pharos at http://127.0.0.1:8080 failed (HTTP 503): not the leader; retry\n", run.err());
    }

    @Test
    void connectionRefusedExitsTwoAndSaysWhatToCheck() {
        CliRun run = CliRun.run(new RecordingTransport().fail(new ConnectException()),
                "--endpoint", "http://127.0.0.1:1", "status");

        assertEquals(ExitCode.UNAVAILABLE, run.exitCode());
        assertEquals("pharos: cannot reach Pharos at http://127.0.0.1:1: connection refused — is `pharos serve`"
                + " running? set --endpoint or PHAROS_ENDPOINT\n", run.err());
    }

    @Test
    void connectTimeoutIsNamed() {
        CliRun run = CliRun.run(new RecordingTransport().fail(new HttpConnectTimeoutException("HTTP connect timed out")),
                "status");

        assertEquals(ExitCode.UNAVAILABLE, run.exitCode());
        assertTrue(run.err().contains("connecting timed out"), run.err());
    }

    @Test
    void aBodyThatIsNotJsonIsShownAsText() {
        assertEquals("Bad Gateway", ApiErrors.errorMessage(502, "Bad Gateway\n"));
        assertEquals("HTTP 500 without an explanation", ApiErrors.errorMessage(500, ""));
        assertEquals("{\"message\":\"x\"}", ApiErrors.errorMessage(400, "{\"message\":\"x\"}"));
    }

    @Test
    void anEndpointThatIsNotAUrlIsAUsageError() {
        RecordingTransport transport = new RecordingTransport();
        CliRun run = CliRun.run(transport, "--endpoint", "127.0.0.1:8080", "status");

        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("--endpoint '127.0.0.1:8080' is not a URL like http://127.0.0.1:8080"), run.err());
        assertTrue(transport.sent.isEmpty());
    }
}
