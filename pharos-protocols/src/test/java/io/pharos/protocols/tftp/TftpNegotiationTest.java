package io.pharos.protocols.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TftpNegotiationTest {
    private static final TftpLimits DEFAULTS = TftpLimits.DEFAULTS;

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return map;
    }

    @Test
    void noOptionsMeansRfc1350DefaultsAndNoOack() {
        NegotiatedOptions options = TftpNegotiation.forRead(Map.of(), 1000, DEFAULTS);
        assertEquals(512, options.blockSize());
        assertEquals(1, options.windowSize());
        assertEquals(DEFAULTS.defaultTimeout(), options.timeout());
        assertFalse(options.sendsOptionAck());
    }

    @Test
    void grantsOptionsInTheClientsOrderWithLowerCaseNames() {
        NegotiatedOptions options = TftpNegotiation.forRead(
                ordered("WindowSize", "8", "tsize", "0", "blksize", "1428", "timeout", "3"), 123_456, DEFAULTS);
        assertEquals(1428, options.blockSize());
        assertEquals(8, options.windowSize());
        assertEquals(Duration.ofSeconds(3), options.timeout());
        assertEquals(List.of("windowsize", "tsize", "blksize", "timeout"), List.copyOf(options.acknowledged().keySet()));
        assertEquals("123456", options.acknowledged().get("tsize"));
    }

    @Test
    void valuesThatAreNoNumbersAreIgnoredButTsizeIsStillAnswered() {
        NegotiatedOptions options = TftpNegotiation.forRead(
                ordered("blksize", "abc", "tsize", "enable", "timeout", "99999999999999999999", "windowsize", "-1"),
                4096, DEFAULTS);
        assertEquals(List.of("tsize"), List.copyOf(options.acknowledged().keySet()));
        assertEquals("4096", options.acknowledged().get("tsize"));
        assertEquals(512, options.blockSize());
        assertEquals(1, options.windowSize());
    }

    @Test
    void blockSizeIsCappedByRfcAndConfiguredMaximum() {
        assertEquals(65464, TftpNegotiation.forRead(Map.of("blksize", "65535"), 0, DEFAULTS).blockSize());
        TftpLimits ethernet = new TftpLimits(1468, 64, Duration.ofSeconds(1), 5);
        NegotiatedOptions options = TftpNegotiation.forRead(Map.of("blksize", "9000"), 0, ethernet);
        assertEquals(1468, options.blockSize());
        assertEquals("1468", options.acknowledged().get("blksize"));
        assertEquals(8, TftpNegotiation.forRead(Map.of("blksize", "8"), 0, DEFAULTS).blockSize());
    }

    @Test
    void windowSizeIsCappedByConfiguredMaximum() {
        assertEquals(64, TftpNegotiation.forRead(Map.of("windowsize", "65535"), 0, DEFAULTS).windowSize());
        TftpLimits lockStep = new TftpLimits(1468, 1, Duration.ofSeconds(1), 5);
        assertEquals(1, TftpNegotiation.forRead(Map.of("windowsize", "16"), 0, lockStep).windowSize());
    }

    @Test
    void valuesOutsideTheirRfcRangeAreDeclinedNotAcknowledged() {
        NegotiatedOptions options = TftpNegotiation.forRead(
                ordered("blksize", "7", "timeout", "0", "windowsize", "0"), 0, DEFAULTS);
        assertFalse(options.sendsOptionAck());
        assertEquals(512, options.blockSize());
        assertEquals(1, options.windowSize());
        assertFalse(TftpNegotiation.forRead(Map.of("timeout", "256"), 0, DEFAULTS).sendsOptionAck());
        assertFalse(TftpNegotiation.forRead(Map.of("windowsize", "65536"), 0, DEFAULTS).sendsOptionAck());
        assertFalse(TftpNegotiation.forRead(Map.of("blksize", "junk"), 0, DEFAULTS).sendsOptionAck());
    }

    @Test
    void unknownOptionsAreIgnoredAsRfc2347Says() {
        NegotiatedOptions options = TftpNegotiation.forRead(ordered("multicast", "", "tsize", "0"), 7, DEFAULTS);
        assertEquals(Map.of("tsize", "7"), options.acknowledged());
        assertFalse(TftpNegotiation.forRead(Map.of("rollover", "0"), 7, DEFAULTS).sendsOptionAck());
    }

    @Test
    void limitsReportEveryProblemTogether() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TftpLimits(4, 0, Duration.ZERO, -1));
        assertTrue(e.getMessage().contains("maxBlockSize 4"), e.getMessage());
        assertTrue(e.getMessage().contains("maxWindowSize 0"), e.getMessage());
        assertTrue(e.getMessage().contains("defaultTimeout"), e.getMessage());
        assertTrue(e.getMessage().contains("maxRetries -1"), e.getMessage());
    }

    @Test
    void modesAreCaseInsensitiveAndMailIsRefused() {
        assertEquals(TransferMode.OCTET, TransferMode.fromWire("OcTeT").orElseThrow());
        assertEquals(TransferMode.NETASCII, TransferMode.fromWire("netascii").orElseThrow());
        assertTrue(TransferMode.fromWire("mail").isEmpty());
        assertTrue(TransferMode.fromWire("").isEmpty());
    }
}
