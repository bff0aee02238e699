package io.pharos.node.api;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a request, so the operator fixes them all in one round instead of one per try. */
final class Problems {
    private final List<String> problems = new ArrayList<>();

    /** field: a path into the body such as "ranges[1]" or "templates.ipxe"; message: what is wrong and the fix. */
    void add(String field, String message) {
        problems.add(field + ": " + message);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<String> list() {
        return List.copyOf(problems);
    }

    /** Throws an ApiException with the given status listing every problem, if there is any. */
    void throwIfAny(int status) {
        if (problems.isEmpty()) return;
        String heading = problems.size() == 1 ? "" : problems.size() + " problems: ";
        throw new ApiException(status, heading + String.join("; ", problems));
    }
}
