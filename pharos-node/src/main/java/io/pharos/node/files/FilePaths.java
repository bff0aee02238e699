package io.pharos.node.files;

import java.util.Optional;

/**
 * The rule for paths in the file store. Stored paths are served as-is over HTTP and TFTP, and a boot
 * loader may be a 20-year-old PXE ROM, so only a conservative, unambiguous alphabet is accepted.
 */
public final class FilePaths {
    public static final int MAX_LENGTH = 255;

    private FilePaths() {}

    /** Empty when the path is acceptable; otherwise what is wrong and how to fix it. */
    public static Optional<String> problem(String path) {
        if (path == null || path.isEmpty()) return Optional.of("the file path is empty; name a file, e.g. images/vmlinuz");
        if (path.length() > MAX_LENGTH)
            return Optional.of("the file path is " + path.length() + " characters long; use at most " + MAX_LENGTH);
        if (path.indexOf('\0') >= 0) return Optional.of("the file path contains a NUL character; remove it");
        if (path.indexOf('\\') >= 0) return Optional.of("the file path contains a backslash; separate folders with '/'");
        if (path.startsWith("/")) return Optional.of("the file path must be relative; drop the leading '/'");
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) return Optional.of("the file path has an empty segment ('//' or a trailing '/'); remove it");
            if (segment.equals("..") || segment.equals("."))
                return Optional.of("the file path contains '" + segment + "'; name the file without '.' or '..' segments");
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (!allowed(c))
                    return Optional.of("the file path contains '" + printable(c) + "'; use only letters, digits and . _ + - in each segment");
            }
        }
        return Optional.empty();
    }

    public static boolean isValid(String path) {
        return problem(path).isEmpty();
    }

    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == '+' || c == '-';
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
