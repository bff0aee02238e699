package io.pharos.node;

/** The node could not start; the message says what failed, why and how to fix it. */
public final class StartupException extends Exception {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    public StartupException(String message) {
        super(message);
    }
}
