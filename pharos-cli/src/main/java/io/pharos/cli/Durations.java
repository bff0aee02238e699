package io.pharos.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations as operators type them: "86400" (seconds), "90s", "30m", "1h", "7d", or combined "1h30m". */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");
    private static final long MAX_SECONDS = 0xffff_fffeL; // DHCP lease time is 32-bit; all ones means infinite (RFC 2131 §3.3)

    private Durations() {}

    /** Seconds in text; throws IllegalArgumentException naming the accepted forms. */
    static long parseSeconds(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.isEmpty()) throw invalid(text);
        long seconds;
        if (t.chars().allMatch(Character::isDigit)) {
            seconds = parse(t, text);
        } else {
            Matcher m = PART.matcher(t);
            int at = 0;
            seconds = 0;
            String seen = "";
            while (m.find() && m.start() == at) {
                String unit = m.group(2);
                if (seen.contains(unit) || (!seen.isEmpty() && "dhms".indexOf(unit) < "dhms".indexOf(seen.charAt(seen.length() - 1))))
                    throw invalid(text);
                seen += unit;
                seconds = Math.addExact(seconds, Math.multiplyExact(parse(m.group(1), text), unitSeconds(unit)));
                at = m.end();
            }
            if (at != t.length()) throw invalid(text);
        }
        if (seconds <= 0 || seconds > MAX_SECONDS)
            throw new IllegalArgumentException("duration '" + text + "' must be between 1s and " + MAX_SECONDS + "s");
        return seconds;
    }

    /** Short human form of a number of seconds: "45s", "30m", "1h", "1h30m", "7d", "1d12h". */
    static String format(long seconds) {
        if (seconds <= 0) return seconds + "s";
        StringBuilder out = new StringBuilder();
        long rest = seconds;
        for (String unit : new String[] {"d", "h", "m", "s"}) {
            long size = unitSeconds(unit);
            if (rest >= size) {
                out.append(rest / size).append(unit);
                rest %= size;
            }
        }
        return out.toString();
    }

    private static long unitSeconds(String unit) {
        return switch (unit) {
            case "d" -> 86_400;
            case "h" -> 3_600;
            case "m" -> 60;
            default -> 1;
        };
    }

    private static long parse(String digits, String text) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; write seconds (86400) or a number"
                + " with units d, h, m, s in that order (1h, 30m, 1h30m, 7d)");
    }

    /** Picocli converter for options that take a duration; yields seconds. */
    static final class SecondsConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parseSeconds(value);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new CommandLine.TypeConversionException(e instanceof ArithmeticException
                        ? "duration '" + value + "' is too long" : e.getMessage());
            }
        }
    }
}
