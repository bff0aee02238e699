package io.pharos.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds API paths from user-given names, percent-encoding what a path segment may not hold (RFC 3986 §3.3). */
final class ApiPaths {
    private ApiPaths() {}

    /** "/subnets" + "/" + name, with name encoded as one segment (a "/" in it is encoded too). */
    static String item(String collection, String key) {
        return collection + "/" + segment(key);
    }

    /** A file store path: each "/"-separated part encoded, the separators kept; leading "/" dropped. */
    static String file(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.isEmpty()) throw CliException.usage("a file path must not be empty");
        StringBuilder out = new StringBuilder("/files");
        for (String part : trimmed.split("/", -1)) out.append('/').append(segment(part));
        return out.toString();
    }

    static String query(String name, String value) {
        return "?" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Keeps RFC 3986 pchar (unreserved, sub-delims, ":" and "@") so MACs stay readable in URLs and logs. */
    static String segment(String text) {
        if (text.isEmpty()) throw CliException.usage("a name in a URL must not be empty");
        // "." and ".." would be removed by path normalisation (RFC 3986 §5.2.4) on the way to the server.
        if (text.equals(".") || text.equals("..")) return text.replace(".", "%2E");
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isPchar(c)) out.append((char) c);
            else out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        }
        return out.toString();
    }

    private static boolean isPchar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
    }
}
