package io.pharos.node.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pharos.node.files.RangeRequest.Partial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeRequestTest {
    private static final long SIZE = 1000;

    @ParameterizedTest(name = "{0} of 1000 -> {1}-{2}")
    @CsvSource(delimiter = '|', value = {
            "bytes=0-99      | 0   | 99",
            "bytes=0-0       | 0   | 0",
            "bytes=999-999   | 999 | 999",
            "bytes=500-      | 500 | 999",
            "bytes=-100      | 900 | 999",
            "bytes=-1        | 999 | 999",
            "bytes=-5000     | 0   | 999",    // suffix longer than the file: all of it (RFC 9110 §14.1.2)
            "bytes=900-5000  | 900 | 999",    // last-pos beyond the end is clamped
            "bytes=0-99999999999999999999999 | 0 | 999", // saturates instead of overflowing
            "BYTES = 10-19   | 10  | 19",     // unit is case-insensitive, whitespace tolerated
            "bytes=  7 - 8   | 7   | 8",
    })
    void partial(String header, long first, long last) {
        assertEquals(new Partial(first, last), RangeRequest.parse(header, SIZE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-2000", "bytes=-0", "bytes=99999999999999999999999-"})
    void unsatisfiable(String header) {
        assertEquals(RangeRequest.UNSATISFIABLE, RangeRequest.parse(header, SIZE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes", "bytes=", "bytes=-", "bytes=abc", "bytes=5-1", "bytes=1-2,5-6",
            "items=0-5", "bytes=0x10-20", "bytes=-1-2", "bytes=+5-6"})
    void ignoredMeansWholeFile(String header) {
        assertEquals(RangeRequest.WHOLE, RangeRequest.parse(header, SIZE));
    }

    @Test
    void absentHeaderIsWholeFile() {
        assertEquals(RangeRequest.WHOLE, RangeRequest.parse(null, SIZE));
    }

    @Test
    void emptyFile() {
        assertEquals(RangeRequest.UNSATISFIABLE, RangeRequest.parse("bytes=0-", 0));
        assertEquals(RangeRequest.WHOLE, RangeRequest.parse("bytes=-10", 0));
    }

    @Test
    void ifRangeHonoursTheRangeOnlyForTheSameEntityTag() {
        String etag = "\"abc\"";
        assertEquals(new Partial(0, 9), RangeRequest.of("bytes=0-9", "\"abc\"", etag, SIZE));
        assertEquals(RangeRequest.WHOLE, RangeRequest.of("bytes=0-9", "\"other\"", etag, SIZE));
        assertEquals(RangeRequest.WHOLE, RangeRequest.of("bytes=0-9", "Tue, 15 Nov 1994 08:12:31 GMT", etag, SIZE));
        assertEquals(RangeRequest.WHOLE, RangeRequest.of("bytes=0-9", "\"abc\"", null, SIZE));
        assertEquals(new Partial(0, 9), RangeRequest.of("bytes=0-9", null, null, SIZE));
    }

    @Test
    void partialLength() {
        assertEquals(100, new Partial(900, 999).length());
    }
}
