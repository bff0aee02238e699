package io.pharos.cli;

/** The exit codes of {@code pharos}; scripts may rely on them. */
public final class ExitCode {
    public static final int OK = 0;
    /** Not done as asked: the API answered 4xx (not found, conflict, invalid, no token), or a local file failed. */
    public static final int REFUSED = 1;
    /** Pharos could not be reached or failed (connection refused, timeout, 5xx). Retrying may help. */
    public static final int UNAVAILABLE = 2;
    /** The command line itself is wrong (sysexits.h EX_USAGE). */
    public static final int USAGE = 64;

    private ExitCode() {}
}
