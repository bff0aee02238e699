package io.pharos.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The exchange counts in perfdhcp's statistics: DISCOVERs sent, OFFERs received, REQUESTs sent, ACKs received. */
public final class HaPerfdhcp {
    private static final Pattern SECTION = Pattern.compile(
            "Statistics for: (DISCOVER-OFFER|REQUEST-ACK)[^\\n]*\\n(?:.*\\n)*?sent packets: (\\d+)\\s*\\nreceived packets: (\\d+)");

    public record Counts(long discovers, long offers, long requests, long acks) {}

    private HaPerfdhcp() {}

    public static Counts parse(String output) {
        long[] v = new long[4];
        Matcher m = SECTION.matcher(output);
        while (m.find()) {
            int base = m.group(1).equals("DISCOVER-OFFER") ? 0 : 2;
            v[base] = Long.parseLong(m.group(2));
            v[base + 1] = Long.parseLong(m.group(3));
        }
        return new Counts(v[0], v[1], v[2], v[3]);
    }
}
