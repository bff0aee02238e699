package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** curl as a real, independent HTTP client: what an operator types must work. */
class CurlClientTest {
    private final ApiFixture api = new ApiFixture();

    CurlClientTest() throws Exception {}

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createAndListWithCurl() throws Exception {
        String base = "http://127.0.0.1:" + api.host.address().getPort() + "/api/v1";
        String created = curl("-X", "POST", "-H", "Authorization: Bearer " + api.adminToken,
                "-H", "Content-Type: application/json",
                "--data", "{\"name\":\"lab\",\"cidr\":\"10.0.0.0/24\",\"ranges\":[\"10.0.0.100-10.0.0.200\"]}",
                base + "/subnets");
        assertTrue(created.endsWith("\n201"), created);
        assertTrue(api.state.subnet("lab").isPresent());

        String listed = curl("-H", "Authorization: Bearer " + api.adminToken, base + "/subnets");
        assertTrue(listed.endsWith("\n200"), listed);
        assertTrue(listed.startsWith("[{") && listed.contains("\"cidr\":\"10.0.0.0/24\""), listed);

        String denied = curl(base + "/subnets");
        assertTrue(denied.endsWith("\n401"), denied);
    }

    /** Runs curl (bounded to 10 s) and returns the body, a newline and the status code. */
    private static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "10", "-w", "\\n%{http_code}"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(15, TimeUnit.SECONDS), "curl did not finish");
            assertEquals(0, process.exitValue(), output);
            return output;
        } finally {
            process.destroyForcibly();
        }
    }
}
