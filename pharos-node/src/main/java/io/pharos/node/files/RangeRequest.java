package io.pharos.node.files;

import java.util.Locale;

/**
 * What a Range header (RFC 9110 §14.2) asks of a representation of a known size. Only single byte ranges
 * are honoured; several ranges get the whole file with 200, which §14.2 allows ("a server MAY ignore the
 * Range header field"), as does a header we cannot parse or a unit other than bytes.
 */
public sealed interface RangeRequest {

    /** Send everything with 200. */
    record Whole() implements RangeRequest {}

    /** Send octets first..last inclusive with 206 and Content-Range. */
    record Partial(long first, long last) implements RangeRequest {
        public long length() {
            return last - first + 1;
        }
    }

    /** 416 with Content-Range: bytes &#42;/size (RFC 9110 §15.5.17). */
    record Unsatisfiable() implements RangeRequest {}

    RangeRequest WHOLE = new Whole();
    RangeRequest UNSATISFIABLE = new Unsatisfiable();

    /**
     * @param range   the Range header, or null
     * @param ifRange the If-Range header, or null; a Range is honoured only if this matches etag (§13.1.5)
     * @param etag    the strong entity tag of the representation, quoted, or null when it has none
     */
    static RangeRequest of(String range, String ifRange, String etag, long size) {
        if (ifRange != null && (etag == null || !ifRange.trim().equals(etag))) return WHOLE;
        return parse(range, size);
    }

    static RangeRequest parse(String header, long size) {
        if (header == null) return WHOLE;
        String text = header.trim();
        int equals = text.indexOf('=');
        if (equals < 0 || !text.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("bytes")) return WHOLE;
        String spec = text.substring(equals + 1).trim();
        if (spec.isEmpty() || spec.indexOf(',') >= 0) return WHOLE;
        int dash = spec.indexOf('-');
        if (dash < 0) return WHOLE;
        String firstText = spec.substring(0, dash).trim();
        String lastText = spec.substring(dash + 1).trim();
        if (firstText.isEmpty()) return suffix(lastText, size);
        long first = number(firstText);
        if (first < 0) return WHOLE;
        long last;
        if (lastText.isEmpty()) {
            last = Long.MAX_VALUE;
        } else {
            last = number(lastText);
            if (last < 0 || last < first) return WHOLE; // invalid range-spec: ignore the header (§14.1.1)
        }
        if (first >= size) return UNSATISFIABLE;
        return new Partial(first, Math.min(last, size - 1));
    }

    /** bytes=-n: the last n octets; n = 0 is unsatisfiable, n beyond the size means all (§14.1.2). */
    private static RangeRequest suffix(String lengthText, long size) {
        long length = number(lengthText);
        if (length < 0) return WHOLE;
        if (length == 0) return UNSATISFIABLE;
        if (size == 0) return WHOLE;
        return new Partial(Math.max(0, size - length), size - 1);
    }

    /** A decimal of 1*DIGIT; values past Long.MAX_VALUE saturate (they exceed any file); -1 if not digits. */
    private static long number(String text) {
        if (text.isEmpty()) return -1;
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            if (value > (Long.MAX_VALUE - (c - '0')) / 10) return Long.MAX_VALUE;
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
