package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.state.StateSnapshot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WriteTimeoutTest {
    @Test
    void anUncommittedWriteIs503WithinTheTimeoutAndNotAcknowledged() throws Exception {
        try (ApiFixture api = new ApiFixture(Duration.ofMillis(300))) {
            api.log.stall();
            StateSnapshot before = api.state.snapshot();
            long started = System.nanoTime();
            String message = ApiFixture.error(api.put("/api/v1/params/x", "{\"value\":\"1\"}"), 503);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 300 && millis < 5_000, "answered after " + millis + " ms");
            assertTrue(message.contains("not committed within 300 ms") && message.contains("pharos status"), message);
            assertEquals(before, api.state.snapshot());
            assertEquals(1, api.log.submitted().size());
        }
    }
}
