package io.pharos.node.dhcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a warning through at most once per interval per key, so a flood of identical problems (a pool
 * exhausted under a thousand clients) writes one line every few seconds, not thousands; counters keep
 * the full count. Uses the monotonic clock: only the spacing of log lines depends on it.
 */
final class WarnLimiter {
    private final long intervalNanos;
    private final Map<String, Long> lastAllowed = new ConcurrentHashMap<>();

    WarnLimiter(long intervalMillis) {
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    boolean allow(String key) {
        long now = System.nanoTime();
        boolean[] allowed = {false};
        lastAllowed.compute(key, (k, last) -> {
            if (last != null && now - last < intervalNanos) return last;
            allowed[0] = true;
            return now;
        });
        return allowed[0];
    }
}
