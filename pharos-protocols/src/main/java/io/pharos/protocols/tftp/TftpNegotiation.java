package io.pharos.protocols.tftp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Server side of RFC 2347 option negotiation for a read request. Options the server does not know, and
 * values outside their RFC range, are left out of the OACK, which RFC 2347 defines as declining them.
 */
public final class TftpNegotiation {
    private TftpNegotiation() {
    }

    public static NegotiatedOptions forRead(Map<String, String> requested, long fileSize, TftpLimits limits) {
        int blockSize = TftpLimits.DEFAULT_BLKSIZE;
        int windowSize = 1;
        Duration timeout = limits.defaultTimeout();
        Map<String, String> acknowledged = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : requested.entrySet()) {
            String name = option.getKey().toLowerCase(Locale.ROOT);
            OptionalLong parsed = TftpOptions.parseDecimal(option.getValue());
            // A value that is no number is ignored (RFC 2347), except for tsize: some clients (atftp's
            // "tsize enable") send a word, and the size is what they ask for either way.
            if (parsed.isEmpty() && !name.equals(TftpOptions.TSIZE)) continue;
            long value = parsed.orElse(0);
            switch (name) {
                case TftpOptions.BLKSIZE -> {
                    // RFC 2348: the server may answer with a smaller size than asked, never a larger one.
                    if (value < TftpLimits.MIN_BLKSIZE) continue;
                    blockSize = (int) Math.min(value, limits.maxBlockSize());
                    acknowledged.put(TftpOptions.BLKSIZE, Integer.toString(blockSize));
                }
                case TftpOptions.TIMEOUT -> {
                    // RFC 2349: the server must echo the client's value or decline it.
                    if (value < TftpLimits.MIN_TIMEOUT_SECONDS || value > TftpLimits.MAX_TIMEOUT_SECONDS) continue;
                    timeout = Duration.ofSeconds(value);
                    acknowledged.put(TftpOptions.TIMEOUT, Long.toString(value));
                }
                case TftpOptions.TSIZE -> acknowledged.put(TftpOptions.TSIZE, Long.toString(fileSize));
                case TftpOptions.WINDOWSIZE -> {
                    // RFC 7440 §3: the server may answer with a smaller window.
                    if (value < 1 || value > TftpLimits.MAX_WINDOWSIZE) continue;
                    windowSize = (int) Math.min(value, limits.maxWindowSize());
                    acknowledged.put(TftpOptions.WINDOWSIZE, Integer.toString(windowSize));
                }
                default -> {
                }
            }
        }
        return new NegotiatedOptions(blockSize, windowSize, timeout, acknowledged);
    }
}
