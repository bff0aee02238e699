package io.pharos.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * One run of the CLI: its streams and environment, and the global options (set by {@link PharosCommand}
 * wherever on the command line they appear). Commands get it through their constructor.
 */
final class CliContext {
    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:8080";
    static final String ENDPOINT_VARIABLE = "PHAROS_ENDPOINT";
    static final String TOKEN_VARIABLE = "PHAROS_TOKEN";

    final PrintStream out;
    final PrintStream err;
    private final CliEnvironment environment;

    String endpointOption;
    String tokenOption;
    OutputFormat output = OutputFormat.TABLE;

    CliContext(PrintStream out, PrintStream err, CliEnvironment environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    InputStream stdin() {
        return environment.stdin();
    }

    Printer printer() {
        return new Printer(out, output, environment.clock());
    }

    ApiClient api() {
        return new ApiClient(endpoint(), token(), environment.transport());
    }

    /** --endpoint, else PHAROS_ENDPOINT, else the local default; checked to be an http(s) URL. */
    URI endpoint() {
        String text = firstSet(endpointOption, environment.variables().get(ENDPOINT_VARIABLE), DEFAULT_ENDPOINT).strip();
        while (text.endsWith("/")) text = text.substring(0, text.length() - 1);
        String source = endpointOption != null ? "--endpoint" : environment.variables().get(ENDPOINT_VARIABLE) != null
                ? ENDPOINT_VARIABLE : "the default endpoint";
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null)
                return uri;
        } catch (URISyntaxException e) {
            // reported below with the expected form
        }
        throw CliException.usage(source + " '" + text + "' is not a URL like " + DEFAULT_ENDPOINT);
    }

    /** --token, else PHAROS_TOKEN, else none (the server then answers 401 with how to get one). */
    String token() {
        String token = firstSet(tokenOption, environment.variables().get(TOKEN_VARIABLE), null);
        return token == null || token.isBlank() ? null : token.strip();
    }

    private static String firstSet(String... candidates) {
        for (String c : candidates) if (c != null && !c.isBlank()) return c;
        return null;
    }
}
