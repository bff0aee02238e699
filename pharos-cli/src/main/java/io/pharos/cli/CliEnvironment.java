package io.pharos.cli;

import java.io.InputStream;
import java.time.Clock;
import java.util.Map;

/**
 * What a run of the CLI takes from its surroundings besides arguments and output streams: environment
 * variables (PHAROS_ENDPOINT, PHAROS_TOKEN), standard input (for "-" as a file), the clock (relative times
 * in tables) and the transport. Closing it closes the transport.
 */
public record CliEnvironment(Map<String, String> variables, InputStream stdin, Clock clock, Transport transport)
        implements AutoCloseable {
    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The process's real environment, standard input, UTC clock and an HTTP transport. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), System.in, Clock.systemUTC(), new HttpTransport());
    }

    @Override
    public void close() {
        transport.close();
    }
}
