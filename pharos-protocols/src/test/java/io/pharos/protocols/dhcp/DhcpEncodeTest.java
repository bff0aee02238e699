package io.pharos.protocols.dhcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DhcpEncodeTest {
    static final Ipv4 SERVER = Ipv4.parse("10.0.0.2");

    static DhcpMessage offer(List<DhcpOption> extra) throws Exception {
        DhcpMessage request = DhcpCodecTest.decode(DhcpCodecTest.ipxeDiscover());
        List<DhcpOption> options = new ArrayList<>(List.of(
                DhcpOption.u8(DhcpOption.MESSAGE_TYPE, DhcpMessageType.OFFER.code()),
                DhcpOption.ip(DhcpOption.SERVER_IDENTIFIER, SERVER),
                DhcpOption.u32(DhcpOption.LEASE_TIME, 3600)));
        options.addAll(extra);
        options.add(DhcpOption.ip(DhcpOption.SUBNET_MASK, Ipv4.parse("255.255.255.0")));
        options.add(DhcpOption.ip(DhcpOption.ROUTER, Ipv4.parse("10.0.0.1")));
        return DhcpMessage.replyTo(request).withYiaddr(Ipv4.parse("10.0.0.50")).withSiaddr(SERVER)
                .withFile("undionly.kpxe").withOptions(options);
    }

    @Test
    void replyCopiesTheRequestFieldsOfRfc2131Table3() throws Exception {
        DhcpMessage request = DhcpCodecTest.decode(DhcpCodecTest.ipxeDiscover()).withBroadcast(true);
        DhcpMessage reply = DhcpMessage.replyTo(request);
        assertEquals(DhcpMessage.BOOTREPLY, reply.op());
        assertEquals(request.xid(), reply.xid());
        assertTrue(reply.broadcast());
        assertEquals(Optional.of(Mac.parse("52:54:00:12:34:56")), reply.mac());
        assertTrue(reply.options().isEmpty());
    }

    @Test
    void smallMessagesArePaddedTo300Bytes() throws Exception {
        byte[] bytes = DhcpCodec.encode(offer(List.of()));
        assertEquals(300, bytes.length);
        DhcpMessage back = DhcpCodecTest.decode(bytes);
        assertEquals(offer(List.of()), back);
        assertEquals("undionly.kpxe", back.file());
    }

    @Test
    void longOptionsAreSplitInto255ByteInstances() throws Exception {
        byte[] value = new byte[600];
        for (int i = 0; i < value.length; i++) value[i] = (byte) i;
        DhcpMessage m = DhcpMessage.request(7, Mac.parse("02:00:00:00:00:01"), List.of(new DhcpOption(43, value)));
        byte[] bytes = DhcpCodec.encode(m);
        assertEquals(43, bytes[240] & 0xff);
        assertEquals(255, bytes[241] & 0xff);
        assertEquals(43, bytes[240 + 257] & 0xff);
        assertEquals(255, bytes[240 + 258] & 0xff);
        assertEquals(43, bytes[240 + 514] & 0xff);
        assertEquals(90, bytes[240 + 515] & 0xff);
        assertEquals(255, bytes[240 + 516 + 90] & 0xff);
        assertArrayEquals(value, DhcpCodecTest.decode(bytes).option(43).orElseThrow().data());
    }

    @Test
    void emptyOptionIsOneInstanceOfLengthZero() throws Exception {
        DhcpMessage m = DhcpMessage.request(7, Mac.parse("02:00:00:00:00:01"), List.of(new DhcpOption(80, new byte[0])));
        byte[] bytes = DhcpCodec.encode(m);
        assertEquals(80, bytes[240]);
        assertEquals(0, bytes[241]);
        assertEquals(m, DhcpCodecTest.decode(bytes));
    }

    @Test
    void relayAgentInfoIsEchoedLastAndUnchanged() throws Exception {
        byte[] relay = {1, 4, 'p', 'o', 'r', 't', 2, 2, 'r', '1'};
        DhcpMessage m = offer(List.of(new DhcpOption(DhcpOption.RELAY_AGENT_INFO, relay)));
        byte[] bytes = DhcpCodec.encode(m);
        int end = 240 + m.options().stream().mapToInt(DhcpCodec::wireSize).sum();
        assertEquals(255, bytes[end] & 0xff);
        assertArrayEquals(relay, Arrays.copyOfRange(bytes, end - relay.length, end));
        assertEquals(82, bytes[end - relay.length - 2]);
        assertArrayEquals(relay, DhcpCodecTest.decode(bytes).relayAgentInfo().orElseThrow());
    }

    @Test
    void fittingToTheClientSizeDropsOptionalOptionsAndKeepsMandatoryOnes() throws Exception {
        DhcpOption vendor = new DhcpOption(43, new byte[200]);
        DhcpOption search = DhcpOptionCatalog.encode("domain-search", "a.example.com");
        DhcpOption big = new DhcpOption(224, new byte[150]);
        DhcpOption relay = new DhcpOption(82, new byte[30]);
        DhcpMessage m = offer(List.of(vendor, big, search, relay));
        byte[] bytes = DhcpCodec.encode(m, 576);
        assertTrue(bytes.length <= 576 - 28, "packet of " + bytes.length + " exceeds 548");
        DhcpMessage back = DhcpCodecTest.decode(bytes);
        for (int code : List.of(53, 54, 51, 1, 3, 82, 43, 119)) assertTrue(back.has(code), "lost option " + code);
        assertFalse(back.has(224));
        assertEquals(DhcpCodec.fit(m, 576).withoutOption(82), back.withoutOption(82));
    }

    @Test
    void clientSizesBelow576AreRaisedTo576() throws Exception {
        DhcpMessage m = offer(List.of(new DhcpOption(43, new byte[250])));
        assertEquals(DhcpCodec.fit(m, 576), DhcpCodec.fit(m, 300));
        assertTrue(DhcpCodec.fit(m, 300).has(43));
    }

    @Test
    void largeClientSizeKeepsEverything() throws Exception {
        DhcpMessage m = offer(List.of(new DhcpOption(43, new byte[250]), new DhcpOption(224, new byte[250])));
        assertSame(m, DhcpCodec.fit(m, 1472));
        assertFalse(DhcpCodec.fit(m, 576).has(224));
        assertTrue(DhcpCodec.fit(m, 576).has(43));
    }

    @Test
    void messageRejectsWireLayoutAndDuplicateOptions() {
        Mac mac = Mac.parse("02:00:00:00:00:01");
        assertThrows(IllegalArgumentException.class, () -> DhcpMessage.request(1, mac, List.of(DhcpOption.u8(52, 1))));
        assertThrows(IllegalArgumentException.class,
                () -> DhcpMessage.request(1, mac, List.of(DhcpOption.u8(53, 1), DhcpOption.u8(53, 3))));
        assertThrows(IllegalArgumentException.class, () -> new DhcpOption(0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new DhcpOption(255, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> DhcpMessage.request(1, mac, List.of()).withFile("x".repeat(129)));
        assertThrows(IllegalArgumentException.class, () -> DhcpMessage.request(1, mac, List.of()).withSname("\u20ac"));
    }

    @Test
    void withOptionReplacesInPlace() {
        DhcpMessage m = DhcpMessage.request(1, Mac.parse("02:00:00:00:00:01"),
                List.of(DhcpOption.u8(53, 1), DhcpOption.text(12, "a"), DhcpOption.u16(57, 1500)));
        DhcpMessage changed = m.withOption(DhcpOption.text(12, "b")).withoutOption(57).withOption(DhcpOption.u8(46, 2));
        assertEquals(List.of(53, 12, 46), changed.options().stream().map(DhcpOption::code).toList());
        assertEquals(Optional.of("b"), changed.hostname());
    }

    @Test
    void userClassInBothForms() {
        Mac mac = Mac.parse("02:00:00:00:00:01");
        byte[] rfc3004 = {4, 'i', 'P', 'X', 'E', 3, 'f', 'o', 'o'};
        assertEquals(List.of("iPXE", "foo"), DhcpMessage.request(1, mac, List.of(new DhcpOption(77, rfc3004))).userClass());
        assertEquals(List.of("iPXE"), DhcpMessage.request(1, mac, List.of(DhcpOption.text(77, "iPXE"))).userClass());
        assertTrue(DhcpMessage.request(1, mac, List.of(new DhcpOption(77, rfc3004))).isIpxe());
        assertEquals(List.of(7, 9), DhcpMessage.request(1, mac, List.of(new DhcpOption(93, new byte[] {0, 7, 0, 9}))).clientArch());
        assertEquals(List.of(), DhcpMessage.request(1, mac, List.of(new DhcpOption(93, new byte[] {0, 7, 0}))).clientArch());
        assertEquals(Optional.empty(), DhcpMessage.request(1, mac, List.of(new DhcpOption(53, new byte[] {1, 1}))).messageType());
    }
}
