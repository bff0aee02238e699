package io.pharos.core.command;

import java.util.List;

/** What applying a command did. Refusals are values, never exceptions: an exception in apply stops a node. */
public sealed interface Result {
    Result OK = new Done();

    record Done() implements Result {}

    /** The command changed nothing; reason says why in words an operator can act on. */
    record Refused(Refusal kind, String reason) implements Result {}

    record Batched(List<Result> results) implements Result {
        public Batched {
            results = List.copyOf(results);
        }
    }

    default boolean isOk() {
        return this instanceof Done;
    }

    /** Why a command was refused, for mapping to API status codes. */
    enum Refusal {
        NOT_FOUND, CONFLICT, INVALID
    }
}
