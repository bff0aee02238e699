package io.pharos.cli;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times for tables: absolute in ISO-8601 UTC, or relative to now ("in 59m", "3h ago"). */
final class TimeText {
    private TimeText() {}

    static String iso(long epochMillis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS));
    }

    /** Coarse on purpose: minutes under an hour, else the two largest units (enough to judge a lease). */
    static String relative(long epochMillis, long nowMillis) {
        long deltaSeconds = Math.floorDiv(epochMillis - nowMillis, 1000);
        if (deltaSeconds == 0) return "now";
        String span = coarse(Math.abs(deltaSeconds));
        return deltaSeconds > 0 ? "in " + span : span + " ago";
    }

    private static String coarse(long seconds) {
        String full = Durations.format(seconds);
        int keep = seconds < 3_600 ? 1 : 2;
        int units = 0;
        for (int i = 0; i < full.length(); i++) {
            if (Character.isLetter(full.charAt(i)) && ++units == keep) return full.substring(0, i + 1);
        }
        return full;
    }
}
