package io.pharos.protocols.dhcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Options as operators write them: a name (or a number 1..254) and a text value, e.g.
 * {@code router = "10.0.0.1,10.0.0.2"} or {@code 150 = "ip:10.0.0.5"}. A number may carry a typed
 * value ({@code hex: ip: text: u8: u16: u32:}); without one a catalogued number takes its catalogued form
 * and any other number is text. {@code hex:} works for every option, so {@link #describe} always
 * produces something {@link #encode} reads back to the same bytes.
 */
public final class DhcpOptionCatalog {
    private record Entry(String name, int code, OptionFormat format, List<String> aliases) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("subnet-mask", 1, OptionFormat.IP, List.of()),
            new Entry("router", 3, OptionFormat.IP_LIST, List.of("routers")),
            new Entry("time-server", 4, OptionFormat.IP_LIST, List.of("time-servers")),
            new Entry("domain-name-servers", 6, OptionFormat.IP_LIST, List.of("dns", "dns-servers")),
            new Entry("log-servers", 7, OptionFormat.IP_LIST, List.of()),
            new Entry("hostname", 12, OptionFormat.TEXT, List.of("host-name")),
            new Entry("domain-name", 15, OptionFormat.TEXT, List.of()),
            new Entry("root-path", 17, OptionFormat.TEXT, List.of()),
            new Entry("interface-mtu", 26, OptionFormat.U16, List.of()),
            new Entry("broadcast-address", 28, OptionFormat.IP, List.of()),
            new Entry("ntp-servers", 42, OptionFormat.IP_LIST, List.of()),
            new Entry("vendor-encapsulated", 43, OptionFormat.HEX, List.of("vendor-encapsulated-options")),
            new Entry("netbios-name-servers", 44, OptionFormat.IP_LIST, List.of()),
            new Entry("netbios-node-type", 46, OptionFormat.U8, List.of()),
            new Entry("requested-address", 50, OptionFormat.IP, List.of()),
            new Entry("lease-time", 51, OptionFormat.U32, List.of()),
            new Entry("message-type", 53, OptionFormat.U8, List.of()),
            new Entry("server-identifier", 54, OptionFormat.IP, List.of()),
            new Entry("parameter-request-list", 55, OptionFormat.U8_LIST, List.of()),
            new Entry("message", 56, OptionFormat.TEXT, List.of()),
            new Entry("max-message-size", 57, OptionFormat.U16, List.of()),
            new Entry("renewal-time", 58, OptionFormat.U32, List.of()),
            new Entry("rebinding-time", 59, OptionFormat.U32, List.of()),
            new Entry("vendor-class", 60, OptionFormat.TEXT, List.of("vendor-class-identifier")),
            new Entry("client-identifier", 61, OptionFormat.HEX, List.of()),
            new Entry("tftp-server-name", 66, OptionFormat.TEXT, List.of()),
            new Entry("bootfile-name", 67, OptionFormat.TEXT, List.of()),
            new Entry("user-class", 77, OptionFormat.HEX, List.of()),
            new Entry("relay-agent-info", 82, OptionFormat.HEX, List.of()),
            new Entry("client-arch", 93, OptionFormat.U16_LIST, List.of()),
            new Entry("client-ndi", 94, OptionFormat.HEX, List.of()),
            new Entry("client-uuid", 97, OptionFormat.HEX, List.of()),
            new Entry("domain-search", 119, OptionFormat.DOMAIN_LIST, List.of()),
            new Entry("classless-static-routes", 121, OptionFormat.ROUTES, List.of()),
            new Entry("ipxe-encapsulated", 175, OptionFormat.HEX, List.of()));

    /** Codes an operator may not set, with what to do instead. */
    private static final Map<Integer, String> RESERVED = Map.of(
            DhcpOption.OVERLOAD, "option overload (52) is chosen by the codec (RFC 2132 §9.3); remove it",
            DhcpOption.MESSAGE_TYPE, "message-type (53) is set by the server for each reply (RFC 2131 §4.3); remove it",
            DhcpOption.SERVER_IDENTIFIER, "server-identifier (54) is set by the server to its own address so renewals reach it (RFC 2131 §4.3.1); remove it",
            DhcpOption.RELAY_AGENT_INFO, "relay-agent-info (82) is added by relays and echoed by the server (RFC 3046 §2.2); remove it");

    private static final Map<String, OptionFormat> PREFIXES = Map.of("hex", OptionFormat.HEX, "ip", OptionFormat.IP_LIST,
            "text", OptionFormat.TEXT, "u8", OptionFormat.U8, "u16", OptionFormat.U16, "u32", OptionFormat.U32);

    private static final Map<String, Entry> BY_NAME = new HashMap<>();
    private static final Map<Integer, Entry> BY_CODE = new HashMap<>();

    static {
        for (Entry entry : ENTRIES) {
            BY_CODE.put(entry.code, entry);
            BY_NAME.put(entry.name, entry);
            for (String alias : entry.aliases) BY_NAME.put(alias, entry);
        }
    }

    private DhcpOptionCatalog() {
    }

    /** The code for a catalogued name, an alias, or a number 1..254. */
    public static int codeOf(String nameOrCode) {
        String key = nameOrCode.trim().toLowerCase(Locale.ROOT);
        if (isNumber(key)) {
            int code = Integer.parseInt(key);
            if (code == 0 || code == 255)
                throw new IllegalArgumentException("DHCP option " + code + " is " + (code == 0 ? "pad" : "end")
                        + ", not an option; use a number 1..254");
            if (code > 255) throw new IllegalArgumentException("DHCP option codes are 1..254, not " + code);
            return code;
        }
        Entry entry = BY_NAME.get(key);
        if (entry == null)
            throw new IllegalArgumentException("unknown DHCP option '" + nameOrCode + "'; use a name such as router, "
                    + "domain-name-servers or bootfile-name, or a number 1..254 with a typed value like 150 = ip:10.0.0.5");
        return entry.code;
    }

    /** The catalogue name of a code, or the number itself. */
    public static String nameOf(int code) {
        Entry entry = BY_CODE.get(code);
        return entry != null ? entry.name : Integer.toString(code);
    }

    /** All catalogued names, in code order, for API listings. */
    public static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    /** The option's wire form; IllegalArgumentException names the option, the expected form and the bad value. */
    public static DhcpOption encode(String nameOrCode, String value) {
        int code = codeOf(nameOrCode);
        String reserved = RESERVED.get(code);
        if (reserved != null) throw new IllegalArgumentException(reserved);
        if (value == null) throw new IllegalArgumentException("option " + label(code) + " has no value");
        return parse(code, isNumber(nameOrCode), value);
    }

    private static DhcpOption parse(int code, boolean byNumber, String value) {
        Entry entry = BY_CODE.get(code);
        OptionFormat format = entry != null ? entry.format : OptionFormat.TEXT;
        String text = value;
        int colon = value.indexOf(':');
        String prefix = colon > 0 ? value.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
        if (PREFIXES.containsKey(prefix) && (byNumber || prefix.equals("hex"))) {
            format = PREFIXES.get(prefix);
            text = value.substring(colon + 1);
        }
        try {
            return new DhcpOption(code, format.parse(text));
        } catch (IllegalArgumentException e) {
            String detail = e.getCause() != null && e.getCause().getMessage() != null ? " (" + e.getCause().getMessage() + ")" : "";
            throw new IllegalArgumentException("option " + label(code) + " expects " + format.expected()
                    + ", got '" + value + "'" + detail);
        }
    }

    /** Empty when the option and value are acceptable, else the message saying what to fix. */
    public static Optional<String> validate(String nameOrCode, String value) {
        try {
            encode(nameOrCode, value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Every problem in an operator's option map, including two keys naming one code; empty when all is well. */
    public static List<String> validateAll(Map<String, String> options) {
        List<String> errors = new ArrayList<>();
        Map<Integer, String> keyByCode = new HashMap<>();
        options.forEach((key, value) -> {
            validate(key, value).ifPresent(errors::add);
            try {
                String earlier = keyByCode.putIfAbsent(codeOf(key), key);
                if (earlier != null)
                    errors.add("options '" + earlier + "' and '" + key + "' both set option " + label(codeOf(key)) + "; keep one");
            } catch (IllegalArgumentException alreadyReported) {
                // validate() above has added the message for this key
            }
        });
        return List.copyOf(errors);
    }

    /** The operator's options as wire options sorted by code; throws on the first bad one (see {@link #validateAll}). */
    public static List<DhcpOption> encodeAll(Map<String, String> options) {
        Map<Integer, DhcpOption> byCode = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            DhcpOption option = encode(key, value);
            if (byCode.putIfAbsent(option.code(), option) != null)
                throw new IllegalArgumentException("option " + label(option.code()) + " is set twice; keep one");
        });
        return byCode.values().stream().sorted(Comparator.comparingInt(DhcpOption::code)).toList();
    }

    /** "name=value" for logs and the API, e.g. "router=10.0.0.1" or "150=hex:0a000005". */
    public static String describe(DhcpOption option) {
        return nameOf(option.code()) + "=" + valueOf(option);
    }

    /**
     * The value as {@link #encode} reads it back to the same bytes: the catalogued form when the bytes have
     * it and re-encode identically (a compressed domain list or text starting "hex:" do not), else hex:.
     */
    public static String valueOf(DhcpOption option) {
        Entry entry = BY_CODE.get(option.code());
        byte[] data = option.data();
        Optional<String> formatted = entry != null ? entry.format.format(data) : Optional.empty();
        if (formatted.isPresent() && rereads(entry, formatted.get(), data)) return formatted.get();
        return "hex:" + HexFormat.of().formatHex(data);
    }

    private static boolean rereads(Entry entry, String value, byte[] data) {
        try {
            return Arrays.equals(parse(entry.code, false, value).data(), data);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isNumber(String nameOrCode) {
        String key = nameOrCode.trim();
        return !key.isEmpty() && key.length() <= 3 && key.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String label(int code) {
        Entry entry = BY_CODE.get(code);
        return entry != null ? entry.name + " (" + code + ")" : Integer.toString(code);
    }
}
