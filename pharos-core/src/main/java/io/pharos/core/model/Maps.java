package io.pharos.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Immutable sorted copies, so that records compare and serialise the same on every node. */
public final class Maps {
    private Maps() {}

    public static Map<String, String> sortedCopy(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
