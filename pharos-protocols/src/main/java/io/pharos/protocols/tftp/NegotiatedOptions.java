package io.pharos.protocols.tftp;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The transfer parameters both sides agreed on, and the options to put in the OACK. An empty
 * {@code acknowledged} map means no OACK: RFC 2347 has the server answer with DATA block 1 then.
 */
public record NegotiatedOptions(int blockSize, int windowSize, Duration timeout, Map<String, String> acknowledged) {
    public NegotiatedOptions {
        if (blockSize < TftpLimits.MIN_BLKSIZE || blockSize > TftpLimits.MAX_BLKSIZE)
            throw new IllegalArgumentException("blockSize out of range: " + blockSize);
        if (windowSize < 1 || windowSize > TftpLimits.MAX_WINDOWSIZE)
            throw new IllegalArgumentException("windowSize out of range: " + windowSize);
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        acknowledged = Collections.unmodifiableMap(new LinkedHashMap<>(acknowledged));
    }

    /** RFC 1350 defaults, used when the client asks for nothing. */
    public static NegotiatedOptions plain(Duration timeout) {
        return new NegotiatedOptions(TftpLimits.DEFAULT_BLKSIZE, 1, timeout, Map.of());
    }

    public boolean sendsOptionAck() {
        return !acknowledged.isEmpty();
    }
}
