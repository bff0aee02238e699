package io.pharos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void acceptsSecondsAndUnits() {
        assertEquals(86_400, Durations.parseSeconds("86400"));
        assertEquals(3_600, Durations.parseSeconds("1h"));
        assertEquals(1_800, Durations.parseSeconds("30m"));
        assertEquals(90, Durations.parseSeconds("90s"));
        assertEquals(604_800, Durations.parseSeconds("7d"));
        assertEquals(5_400, Durations.parseSeconds("1h30m"));
        assertEquals(93_784, Durations.parseSeconds("1d2h3m4s"));
        assertEquals(3_600, Durations.parseSeconds(" 1H "));
    }

    @Test
    void refusesWhatIsNotADuration() {
        for (String bad : new String[] {"", "h", "1x", "1h 30m", "30m1h", "1h1h", "-5", "1.5h", "0", "0s", "4294967295"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parseSeconds(bad), bad);
            assertTrue(e.getMessage().contains(bad.strip()), e.getMessage());
        }
    }

    @Test
    void formatsCompactly() {
        assertEquals("45s", Durations.format(45));
        assertEquals("1h", Durations.format(3_600));
        assertEquals("1h30m", Durations.format(5_400));
        assertEquals("1d", Durations.format(86_400));
        assertEquals("1d2h3m4s", Durations.format(93_784));
    }

    @Property
    void formatThenParseGivesTheSameSeconds(@ForAll @LongRange(min = 1, max = 0xffff_fffeL) long seconds) {
        assertEquals(seconds, Durations.parseSeconds(Durations.format(seconds)));
    }
}
