package io.pharos.protocols.dhcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Option 77 as RFC 3004 §3 defines it (a run of length-prefixed classes, each at least one byte) or, when
 * the bytes do not parse that way, as one plain string: iPXE and older clients send the bare text "iPXE"
 * (RFC 2132-era form). Text whose bytes also parse as RFC 3004 is read as RFC 3004; that needs the first
 * byte to be a length, which printable text shorter than 33 bytes never is.
 */
final class UserClass {
    private UserClass() {
    }

    static List<String> parse(byte[] data) {
        if (data.length == 0) return List.of();
        List<String> classes = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            int length = data[i] & 0xff;
            if (length == 0 || i + 1 + length > data.length) return List.of(new DhcpOption(DhcpOption.USER_CLASS, data).asText());
            classes.add(new String(data, i + 1, length, StandardCharsets.UTF_8));
            i += 1 + length;
        }
        return List.copyOf(classes);
    }
}
