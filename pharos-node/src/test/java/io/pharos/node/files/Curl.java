package io.pharos.node.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The curl command-line client as a real HTTP client in tests; every run is bounded to 20 seconds. */
public final class Curl {
    private final Path scratch;

    public Curl(Path scratch) {
        this.scratch = scratch;
    }

    /** What curl received: status, raw header block (lower-cased names), body. */
    public record Response(int status, String headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The value of a header, or null. */
        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                    return line.substring(colon + 1).trim();
            }
            return null;
        }
    }

    public Response run(String... args) throws IOException, InterruptedException {
        Path body = Files.createTempFile(scratch, "body", ".bin");
        Path headers = Files.createTempFile(scratch, "headers", ".txt");
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "10",
                "--noproxy", "*", "--output", body.toString(), "--dump-header", headers.toString(),
                "--write-out", "%{http_code}"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("curl did not finish within 20 s: " + command);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0) throw new IOException("curl failed (" + process.exitValue() + "): " + out);
        String status = out.substring(Math.max(0, out.length() - 3));
        return new Response(Integer.parseInt(status), Files.readString(headers, StandardCharsets.ISO_8859_1),
                Files.readAllBytes(body));
    }
}
