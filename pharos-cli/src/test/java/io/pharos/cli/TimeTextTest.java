package io.pharos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeTextTest {
    private static final long NOW = Instant.parse("2025-03-01T12:00:00Z").toEpochMilli();

    @Test
    void isoIsUtcToTheSecond() {
        assertEquals("2025-03-01T12:00:00Z", TimeText.iso(NOW + 999));
    }

    @Test
    void relativeKeepsMinutesUnderAnHourAndTwoUnitsAbove() {
        assertEquals("in 59m", TimeText.relative(NOW + 3_599_500, NOW));
        assertEquals("in 45s", TimeText.relative(NOW + 45_000, NOW));
        assertEquals("in 1h", TimeText.relative(NOW + 3_600_000, NOW));
        assertEquals("in 23h59m", TimeText.relative(NOW + 86_399_000, NOW));
        assertEquals("in 1d1h", TimeText.relative(NOW + 90_061_000, NOW));
        assertEquals("1h30m ago", TimeText.relative(NOW - 5_400_000, NOW));
        assertEquals("now", TimeText.relative(NOW + 500, NOW));
        assertEquals("1s ago", TimeText.relative(NOW - 500, NOW));
    }
}
