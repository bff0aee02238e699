package io.pharos.e2e;

import java.util.List;

/** What a finished command printed and returned, with the command line for failure messages. */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** This result when the command succeeded; otherwise an AssertionError showing everything it printed. */
    public ExecResult orFail() {
        if (!ok()) throw new AssertionError("command failed: " + describe());
        return this;
    }

    public String describe() {
        return String.join(" ", command) + "\n  exit " + exitCode + "\n  stdout: " + indent(stdout)
                + "\n  stderr: " + indent(stderr);
    }

    private static String indent(String text) {
        return text.strip().replace("\n", "\n          ");
    }
}
