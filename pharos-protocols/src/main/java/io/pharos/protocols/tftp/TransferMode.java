package io.pharos.protocols.tftp;

import java.util.Locale;
import java.util.Optional;

/**
 * Transfer modes a read request may name (RFC 1350 §1). Netascii is served byte for byte: boot files are
 * binary, translating would make tsize (RFC 2349) wrong, and clients only turn CR LF and CR NUL back, so
 * LF-only text arrives unchanged. "mail" is for writes only and is refused.
 */
public enum TransferMode {
    OCTET,
    NETASCII;

    public static Optional<TransferMode> fromWire(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "octet" -> Optional.of(OCTET);
            case "netascii" -> Optional.of(NETASCII);
            default -> Optional.empty();
        };
    }
}
