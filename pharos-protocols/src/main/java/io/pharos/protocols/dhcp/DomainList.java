package io.pharos.protocols.dhcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The domain search list of option 119 (RFC 3397): names in RFC 1035 §3.1 label form, one after another.
 * Encoding writes no compression pointers, which RFC 3397 §2 allows; decoding follows them, within the
 * option data only and only backwards, so a hostile list cannot loop.
 */
final class DomainList {
    private static final int MAX_NAME = 255;
    private static final int MAX_LABEL = 63;

    private DomainList() {
    }

    static byte[] encode(List<String> domains) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String domain : domains) {
            String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
            if (name.isEmpty()) throw new IllegalArgumentException("empty domain name");
            int size = 1;
            for (String label : name.split("\\.", -1)) {
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                if (label.isEmpty() || label.length() > MAX_LABEL || !label.chars().allMatch(DomainList::labelChar))
                    throw new IllegalArgumentException("bad label '" + label + "' in " + domain
                            + " (1..63 letters, digits, '-' or '_')");
                out.write(bytes.length);
                out.writeBytes(bytes);
                size += 1 + bytes.length;
            }
            if (size > MAX_NAME) throw new IllegalArgumentException(domain + " is longer than 255 octets (RFC 1035 §2.3.4)");
            out.write(0);
        }
        return out.toByteArray();
    }

    private static boolean labelChar(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }

    static Optional<List<String>> decode(byte[] data) {
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            StringBuilder name = new StringBuilder();
            int next = readName(data, i, name);
            if (next < 0) return Optional.empty();
            names.add(name.toString());
            i = next;
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(names));
    }

    /** Appends the name at {@code start}; returns the offset after it in the list, or -1 if malformed. */
    private static int readName(byte[] data, int start, StringBuilder name) {
        int i = start;
        int resume = -1;
        int size = 1;
        int floor = start;
        while (true) {
            if (i >= data.length) return -1;
            int length = data[i] & 0xff;
            if (length == 0) return name.isEmpty() ? -1 : resume >= 0 ? resume : i + 1;
            if ((length & 0xc0) == 0xc0) {
                if (i + 1 >= data.length) return -1;
                int target = ((length & 0x3f) << 8) | (data[i + 1] & 0xff);
                if (target >= floor) return -1;
                if (resume < 0) resume = i + 2;
                floor = target;
                i = target;
                continue;
            }
            if (length > MAX_LABEL || i + 1 + length > data.length) return -1;
            size += 1 + length;
            if (size > MAX_NAME) return -1;
            if (!name.isEmpty()) name.append('.');
            for (int k = i + 1; k <= i + length; k++) {
                int c = data[k] & 0xff;
                if (!labelChar(c)) return -1;
                name.append((char) c);
            }
            i += 1 + length;
        }
    }
}
