package io.pharos.node.ha;

import java.util.List;
import java.util.stream.Collectors;

/** What {@link ActiveServices#health()} found: healthy when no service reports a problem. */
public record ServiceHealth(List<Problem> problems) {
    public static final ServiceHealth HEALTHY = new ServiceHealth(List.of());

    /** @param service the failing service's name (dhcp, tftp, http, data-dir, ...) */
    public record Problem(String service, String detail) {
        @Override
        public String toString() {
            return service + ": " + detail;
        }
    }

    public ServiceHealth {
        problems = List.copyOf(problems);
    }

    public static ServiceHealth of(Problem... problems) {
        return new ServiceHealth(List.of(problems));
    }

    public boolean healthy() {
        return problems.isEmpty();
    }

    /** The failing services' names, comma-separated, for logs. */
    public String services() {
        return problems.stream().map(Problem::service).distinct().collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return healthy() ? "healthy" : problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
