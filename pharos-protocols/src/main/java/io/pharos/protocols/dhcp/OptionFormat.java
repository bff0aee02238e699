package io.pharos.protocols.dhcp;

import io.pharos.core.net.Ipv4;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * How an option value is written by an operator and laid out on the wire (RFC 2132 §2: addresses and
 * integers in network byte order, text without a NUL). {@link #parse} throws IllegalArgumentException
 * whose message is the expected form; {@link #format} is empty when the bytes do not have this form.
 */
enum OptionFormat {
    IP("an IPv4 address, e.g. 255.255.255.0"),
    IP_LIST("IPv4 addresses separated by commas, e.g. 10.0.0.1,10.0.0.2"),
    TEXT("non-empty text"),
    U8("a whole number 0..255"),
    U16("a whole number 0..65535"),
    U32("a whole number 0..4294967295"),
    U8_LIST("numbers 0..255 separated by commas, e.g. 1,3,6"),
    U16_LIST("numbers 0..65535 separated by commas, e.g. 0,7"),
    HEX("hex bytes, e.g. 0a0b0c or 0a:0b:0c"),
    DOMAIN_LIST("domain names separated by commas, e.g. example.com,lab.example.com"),
    ROUTES("routes 'destination/prefix router' separated by commas, e.g. 10.1.0.0/16 10.0.0.1, 0.0.0.0/0 10.0.0.254");

    private final String expected;

    OptionFormat(String expected) {
        this.expected = expected;
    }

    String expected() {
        return expected;
    }

    byte[] parse(String value) {
        try {
            return switch (this) {
                case IP -> Ipv4.parse(value).toBytes();
                case IP_LIST -> DhcpOption.ips(1, items(value).stream().map(Ipv4::parse).toList()).data();
                case TEXT -> text(value);
                case U8 -> new byte[] {(byte) number(value, 0xff)};
                case U16 -> DhcpOption.u16(1, (int) number(value, 0xffff)).data();
                case U32 -> DhcpOption.u32(1, number(value, 0xffff_ffffL)).data();
                case U8_LIST -> numbers(value, 1, 0xff);
                case U16_LIST -> numbers(value, 2, 0xffff);
                case HEX -> hex(value);
                case DOMAIN_LIST -> DomainList.encode(items(value));
                case ROUTES -> ClasslessRoutes.encode(items(value));
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expected, e);
        }
    }

    Optional<String> format(byte[] data) {
        return switch (this) {
            case IP -> data.length == 4 ? Optional.of(Ipv4.of(data, 0).toString()) : Optional.empty();
            case IP_LIST -> ipList(data);
            case TEXT -> readableText(data);
            case U8, U16, U32 -> data.length == width() ? Optional.of(Long.toString(unsigned(data, 0, width()))) : Optional.empty();
            case U8_LIST -> numberList(data, 1);
            case U16_LIST -> numberList(data, 2);
            case HEX -> Optional.of(HexFormat.of().formatHex(data));
            case DOMAIN_LIST -> DomainList.decode(data).map(names -> String.join(",", names));
            case ROUTES -> ClasslessRoutes.decode(data).map(routes -> String.join(", ", routes));
        };
    }

    private int width() {
        return this == U8 ? 1 : this == U16 ? 2 : 4;
    }

    private static List<String> items(String value) {
        List<String> out = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            if (item.isBlank()) throw new IllegalArgumentException("empty item in list");
            out.add(item.trim());
        }
        return out;
    }

    private static byte[] text(String value) {
        if (value.isEmpty()) throw new IllegalArgumentException("empty text");
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static long number(String value, long max) {
        String digits = value.trim();
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9'))
            throw new IllegalArgumentException("not a number: " + value);
        long n = Long.parseLong(digits);
        if (n > max) throw new IllegalArgumentException(n + " is above " + max);
        return n;
    }

    private static byte[] numbers(String value, int width, long max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String item : items(value)) {
            long n = number(item, max);
            for (int shift = 8 * (width - 1); shift >= 0; shift -= 8) out.write((int) (n >>> shift));
        }
        return out.toByteArray();
    }

    private static byte[] hex(String value) {
        String digits = value.trim().replace(":", "").replace(" ", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) digits = digits.substring(2);
        return HexFormat.of().parseHex(digits);
    }

    private static long unsigned(byte[] data, int offset, int width) {
        long n = 0;
        for (int i = 0; i < width; i++) n = (n << 8) | (data[offset + i] & 0xff);
        return n;
    }

    private static Optional<String> ipList(byte[] data) {
        if (data.length == 0 || data.length % 4 != 0) return Optional.empty();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < data.length; i += 4) out.add(Ipv4.of(data, i).toString());
        return Optional.of(String.join(",", out));
    }

    private static Optional<String> numberList(byte[] data, int width) {
        if (data.length == 0 || data.length % width != 0) return Optional.empty();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < data.length; i += width) out.add(Long.toString(unsigned(data, i, width)));
        return Optional.of(String.join(",", out));
    }

    /** Strict UTF-8 without control characters, so the text re-parses to the same bytes. */
    private static Optional<String> readableText(byte[] data) {
        if (data.length == 0) return Optional.empty();
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
            return text.chars().anyMatch(Character::isISOControl) ? Optional.empty() : Optional.of(text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
