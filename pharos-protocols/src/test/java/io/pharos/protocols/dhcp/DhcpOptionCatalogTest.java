package io.pharos.protocols.dhcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DhcpOptionCatalogTest {
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static void encodes(String name, String value, int code, String hexBytes) {
        DhcpOption option = DhcpOptionCatalog.encode(name, value);
        assertEquals(code, option.code(), name);
        assertArrayEquals(hex(hexBytes), option.data(), name + "=" + value);
    }

    static String rejected(String name, String value, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DhcpOptionCatalog.encode(name, value));
        for (String fragment : fragments)
            assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
        assertEquals(Optional.of(e.getMessage()), DhcpOptionCatalog.validate(name, value));
        return e.getMessage();
    }

    @Test
    void namedOptions() {
        encodes("subnet-mask", "255.255.255.0", 1, "ffffff00");
        encodes("router", "10.0.0.1, 10.0.0.254", 3, "0a0000010a0000fe");
        encodes("dns", "8.8.8.8", 6, "08080808");
        encodes("domain-name-servers", "1.1.1.1,8.8.4.4", 6, "0101010108080404");
        encodes("Hostname", "node-1", 12, "6e6f64652d31");
        encodes("domain-name", "lab.example.com", 15, "6c61622e6578616d706c652e636f6d");
        encodes("interface-mtu", "9000", 26, "2328");
        encodes("broadcast-address", "10.0.0.255", 28, "0a0000ff");
        encodes("ntp-servers", "10.0.0.3", 42, "0a000003");
        encodes("vendor-encapsulated", "06:01:08", 43, "060108");
        encodes("netbios-name-servers", "10.0.0.4", 44, "0a000004");
        encodes("lease-time", "86400", 51, "00015180");
        encodes("renewal-time", "4294967295", 58, "ffffffff");
        encodes("rebinding-time", "75600", 59, "00012750");
        encodes("tftp-server-name", "10.0.0.2", 66, "31302e302e302e32");
        encodes("bootfile-name", "http://10.0.0.2/boot.ipxe", 67,
                HexFormat.of().formatHex("http://10.0.0.2/boot.ipxe".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void domainSearchIsRfc1035LabelsWithoutCompression() {
        encodes("domain-search", "example.com, lab.example.com.", 119,
                "076578616d706c6503636f6d00" + "036c6162076578616d706c6503636f6d00");
        rejected("domain-search", "bad..example.com", "domain-search (119)", "domain names separated by commas", "bad label ''");
        rejected("domain-search", "a".repeat(64) + ".com", "bad label");
    }

    @Test
    void compressedDomainSearchDecodesAndPointerLoopsDoNot() {
        byte[] compressed = hex("076578616d706c6503636f6d00" + "036c6162c000");
        assertEquals("domain-search=hex:" + HexFormat.of().formatHex(compressed),
                DhcpOptionCatalog.describe(new DhcpOption(119, compressed)), "re-encoding would drop the pointer");
        assertEquals(Optional.of(List.of("example.com", "lab.example.com")), DomainList.decode(compressed));
        assertEquals(Optional.empty(), DomainList.decode(hex("c000")));
        assertEquals(Optional.empty(), DomainList.decode(hex("0161c002")));
        assertEquals(Optional.empty(), DomainList.decode(hex("00")));
    }

    @Test
    void classlessStaticRoutesPerRfc3442() {
        encodes("classless-static-routes", "10.1.0.0/16 10.0.0.1, 0.0.0.0/0 10.0.0.254, 192.168.1.128/25 10.0.0.9", 121,
                "100a01" + "0a000001" + "00" + "0a0000fe" + "19c0a80180" + "0a000009");
        rejected("classless-static-routes", "10.1.0.1/16 10.0.0.1", "classless-static-routes (121)", "did you mean 10.1.0.0/16");
        rejected("classless-static-routes", "10.1.0.0/16", "'destination/prefix router'");
        assertEquals("classless-static-routes=10.1.0.0/16 10.0.0.1, 0.0.0.0/0 10.0.0.254",
                DhcpOptionCatalog.describe(DhcpOptionCatalog.encode("121", "10.1.0.0/16 10.0.0.1,0.0.0.0/0 10.0.0.254")));
    }

    @Test
    void optionsByNumberWithTypedValues() {
        encodes("150", "hex:0a0b0c", 150, "0a0b0c");
        encodes("150", "ip:1.2.3.4,5.6.7.8", 150, "0102030405060708");
        encodes("150", "text:abc", 150, "616263");
        encodes("150", "u8:7", 150, "07");
        encodes("150", "u16:1500", 150, "05dc");
        encodes("150", "u32:3600", 150, "00000e10");
        encodes("150", "abc", 150, "616263");
        encodes("6", "8.8.8.8", 6, "08080808");
        encodes("6", "hex:08080808", 6, "08080808");
        encodes("224", "hex:", 224, "");
        encodes("hostname", "hex:6e31", 12, "6e31");
        encodes("hostname", "ip:10.0.0.1", 12, HexFormat.of().formatHex("ip:10.0.0.1".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void badValuesSayWhatToFix() {
        rejected("subnet-mask", "255.255.255", "subnet-mask (1)", "an IPv4 address", "'255.255.255'");
        rejected("router", "10.0.0.1,,10.0.0.2", "router (3)", "IPv4 addresses separated by commas");
        rejected("interface-mtu", "70000", "interface-mtu (26)", "0..65535", "70000 is above 65535");
        rejected("lease-time", "-1", "lease-time (51)", "0..4294967295");
        rejected("hostname", "", "hostname (12)", "non-empty text");
        rejected("150", "u8:300", "150 expects a whole number 0..255");
        rejected("150", "hex:0g", "150 expects hex bytes");
        rejected("150", "ip:1.2.3", "150 expects IPv4 addresses");
        rejected("vendor-encapsulated", "abc", "vendor-encapsulated (43)", "hex bytes");
    }

    @Test
    void unknownAndReservedCodes() {
        assertEquals(119, DhcpOptionCatalog.codeOf("domain-search"));
        assertEquals(6, DhcpOptionCatalog.codeOf(" DNS "));
        assertEquals(150, DhcpOptionCatalog.codeOf("150"));
        rejected("no-such-option", "x", "unknown DHCP option 'no-such-option'", "150 = ip:10.0.0.5");
        rejected("0", "x", "pad");
        rejected("255", "x", "end");
        rejected("300", "x", "1..254");
        rejected("53", "1", "message-type (53) is set by the server");
        rejected("server-identifier", "10.0.0.1", "remove it");
        rejected("52", "1", "overload");
        rejected("relay-agent-info", "hex:01", "RFC 3046");
        assertEquals(Optional.empty(), DhcpOptionCatalog.validate("router", "10.0.0.1"));
    }

    @Test
    void validateAllReportsEveryProblem() {
        Map<String, String> options = new TreeMap<>(Map.of("router", "10.0.0.1", "3", "10.0.0.2", "interface-mtu", "big",
                "dns", "8.8.8.8"));
        List<String> errors = DhcpOptionCatalog.validateAll(options);
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("'3' and 'router' both set option router (3)")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("interface-mtu (26)")), errors.toString());
        assertThrows(IllegalArgumentException.class, () -> DhcpOptionCatalog.encodeAll(options));
        assertEquals(List.of(3, 6, 26), DhcpOptionCatalog.encodeAll(Map.of("interface-mtu", "1500", "dns", "8.8.8.8", "router", "10.0.0.1"))
                .stream().map(DhcpOption::code).toList());
    }

    @Test
    void describeForLogs() {
        assertEquals("router=10.0.0.1,10.0.0.2", DhcpOptionCatalog.describe(DhcpOptionCatalog.encode("router", "10.0.0.1,10.0.0.2")));
        assertEquals("150=hex:0a0b0c", DhcpOptionCatalog.describe(DhcpOptionCatalog.encode("150", "hex:0a0b0c")));
        assertEquals("subnet-mask=hex:ffff00", DhcpOptionCatalog.describe(new DhcpOption(1, hex("ffff00"))));
        assertEquals("message-type=1", DhcpOptionCatalog.describe(DhcpOption.u8(53, 1)));
        assertEquals("client-arch=0,7", DhcpOptionCatalog.describe(new DhcpOption(93, hex("00000007"))));
        assertEquals("hostname=hex:6865783a3030", DhcpOptionCatalog.describe(DhcpOption.text(12, "hex:00")));
        assertEquals("hostname=hex:0a", DhcpOptionCatalog.describe(new DhcpOption(12, hex("0a"))));
        assertEquals("domain-search=example.com", DhcpOptionCatalog.describe(DhcpOptionCatalog.encode("domain-search", "example.com")));
        assertTrue(DhcpOptionCatalog.names().contains("classless-static-routes"));
    }

    /** Whatever the bytes, describe() gives a value that encode() turns back into the same option. */
    @Property(tries = 3000)
    void describedValuesEncodeBack(@ForAll("configurable") DhcpOption option) {
        String value = DhcpOptionCatalog.valueOf(option);
        assertEquals(option, DhcpOptionCatalog.encode(DhcpOptionCatalog.nameOf(option.code()), value), value);
        assertEquals(option, DhcpOptionCatalog.encode(Integer.toString(option.code()), value), value);
    }

    @Provide
    Arbitrary<DhcpOption> configurable() {
        Arbitrary<Integer> catalogued = Arbitraries.of(1, 3, 4, 6, 12, 15, 26, 28, 42, 43, 46, 51, 55, 58, 60, 93, 119, 121, 150, 224);
        Arbitrary<byte[]> data = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(12),
                Arbitraries.strings().alpha().numeric().withChars('.', '-').ofMaxLength(30).map(s -> s.getBytes(StandardCharsets.US_ASCII)),
                Arbitraries.of(hex("100a010a000001"), hex("076578616d706c6503636f6d00"), hex("0101010108080404")));
        return Combinators.combine(catalogued, data).as(DhcpOption::new);
    }
}
