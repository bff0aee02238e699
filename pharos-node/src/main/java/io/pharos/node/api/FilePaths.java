package io.pharos.node.api;

/**
 * Paths a boot environment names: a path in the file store ("ubuntu/24.04/vmlinuz") or an http(s) URL.
 * Store paths are relative and never climb out of the store, whatever serves them later (HTTP, TFTP).
 */
final class FilePaths {
    private FilePaths() {}

    static void check(Problems problems, String field, String path) {
        if (path == null || path.isBlank()) {
            problems.add(field, "is empty; give a path in the file store such as \"ubuntu/vmlinuz\" or an http(s) URL");
            return;
        }
        if (path.startsWith("http://") || path.startsWith("https://")) return;
        if (path.startsWith("/") || path.contains("\\") || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f))
            problems.add(field, "'" + path + "' must be a relative path with '/' separators and no control"
                    + " characters, e.g. \"ubuntu/vmlinuz\"");
        else
            for (String segment : path.split("/", -1))
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    problems.add(field, "'" + path + "' has an empty, '.' or '..' segment; write the plain path, e.g. \"ubuntu/vmlinuz\"");
                    break;
                }
    }
}
