package io.pharos.node.config;

import java.util.List;

/** Every problem found in the node's settings, each with its fix, reported together. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
