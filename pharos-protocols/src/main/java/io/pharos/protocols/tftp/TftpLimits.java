package io.pharos.protocols.tftp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server agrees to in option negotiation and how long it keeps retrying.
 *
 * @param maxBlockSize   the largest blksize granted (RFC 2348 allows 8..65464); lower it to keep each DATA
 *                       packet inside one Ethernet frame (1468 for a 1500-byte MTU) when clients pick too big
 * @param maxWindowSize  the largest windowsize granted (RFC 7440 allows 1..65535)
 * @param defaultTimeout retransmission timeout when the client does not negotiate one (RFC 2349)
 * @param maxRetries     retransmissions of one window before the transfer is given up
 */
public record TftpLimits(int maxBlockSize, int maxWindowSize, Duration defaultTimeout, int maxRetries) {
    public static final int MIN_BLKSIZE = 8;
    public static final int MAX_BLKSIZE = 65464;
    public static final int DEFAULT_BLKSIZE = 512;
    public static final int MAX_WINDOWSIZE = 65535;
    public static final int MIN_TIMEOUT_SECONDS = 1;
    public static final int MAX_TIMEOUT_SECONDS = 255;

    public static final TftpLimits DEFAULTS = new TftpLimits(MAX_BLKSIZE, 64, Duration.ofSeconds(1), 5);

    public TftpLimits {
        List<String> problems = new ArrayList<>();
        if (maxBlockSize < MIN_BLKSIZE || maxBlockSize > MAX_BLKSIZE)
            problems.add("maxBlockSize " + maxBlockSize + " must be between " + MIN_BLKSIZE + " and " + MAX_BLKSIZE
                    + " (RFC 2348)");
        if (maxWindowSize < 1 || maxWindowSize > MAX_WINDOWSIZE)
            problems.add("maxWindowSize " + maxWindowSize + " must be between 1 and " + MAX_WINDOWSIZE + " (RFC 7440)");
        if (defaultTimeout == null || defaultTimeout.isNegative() || defaultTimeout.isZero()
                || defaultTimeout.compareTo(Duration.ofSeconds(MAX_TIMEOUT_SECONDS)) > 0)
            problems.add("defaultTimeout " + defaultTimeout + " must be positive and at most "
                    + MAX_TIMEOUT_SECONDS + "s (RFC 2349)");
        if (maxRetries < 0) problems.add("maxRetries " + maxRetries + " must not be negative");
        if (!problems.isEmpty())
            throw new IllegalArgumentException("invalid TFTP limits: " + String.join("; ", problems));
    }
}
