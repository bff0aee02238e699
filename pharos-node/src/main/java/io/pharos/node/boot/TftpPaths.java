package io.pharos.node.boot;

/** How TFTP clients spell paths: some with a leading '/', firmware built on Windows with backslashes. */
final class TftpPaths {
    private TftpPaths() {}

    static String normalize(String requested) {
        String path = requested.replace('\\', '/');
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') start++;
        return path.substring(start);
    }
}
