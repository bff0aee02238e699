package io.pharos.protocols.tftp;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/** Names and value syntax of the options this server understands (RFC 2348, RFC 2349, RFC 7440). */
public final class TftpOptions {
    public static final String BLKSIZE = "blksize";
    public static final String TIMEOUT = "timeout";
    public static final String TSIZE = "tsize";
    public static final String WINDOWSIZE = "windowsize";

    /** Each of these carries a decimal ASCII number; 18 digits always fit a long. */
    static final Set<String> NUMERIC = Set.of(BLKSIZE, TIMEOUT, TSIZE, WINDOWSIZE);
    static final int MAX_DIGITS = 18;

    private TftpOptions() {
    }

    public static boolean isNumeric(String name) {
        return NUMERIC.contains(name.toLowerCase(Locale.ROOT));
    }

    /** A non-negative decimal number of at most {@value #MAX_DIGITS} ASCII digits, or empty. */
    public static OptionalLong parseDecimal(String value) {
        if (value.isEmpty() || value.length() > MAX_DIGITS) return OptionalLong.empty();
        long result = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') return OptionalLong.empty();
            result = result * 10 + (c - '0');
        }
        return OptionalLong.of(result);
    }
}
