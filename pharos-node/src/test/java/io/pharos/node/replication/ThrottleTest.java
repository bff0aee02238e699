package io.pharos.node.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class ThrottleTest {
    @Test
    void holdsAStreamToItsRate() throws Exception {
        Throttle throttle = new Throttle(1024 * 1024, System::nanoTime);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        long start = System.nanoTime();
        try (OutputStream out = throttle.wrap(sink)) {
            out.write(new byte[512 * 1024]);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(512 * 1024, sink.size());
        assertTrue(seconds > 0.4 && seconds < 5, "512 KiB at 1 MiB/s took " + seconds + " s");
    }

    @Test
    void noLimitDoesNotWrap() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertTrue(Throttle.NONE.wrap(sink) == sink);
    }
}
