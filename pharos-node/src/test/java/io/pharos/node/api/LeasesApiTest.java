package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeasesApiTest {
    private final ApiFixture api = new ApiFixture();

    LeasesApiTest() throws Exception {}

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listFilterGetAndDelete() {
        assertEquals(201, api.post("/api/v1/subnets", "{\"name\":\"a\",\"cidr\":\"10.0.0.0/24\"}").statusCode());
        assertEquals(201, api.post("/api/v1/subnets", "{\"name\":\"b\",\"cidr\":\"10.0.1.0/24\"}").statusCode());
        api.state.apply(new Command.BindLease(Ipv4.parse("10.0.0.10"), Mac.parse("52:54:00:00:00:01"), "c1", "h1", "a", 0, 9_999_999));
        api.state.apply(new Command.BindLease(Ipv4.parse("10.0.1.10"), Mac.parse("52:54:00:00:00:02"), "c2", "h2", "b", 0, 9_999_999));

        assertEquals(2, ApiFixture.json(api.get("/api/v1/leases")).size());
        var onlyB = ApiFixture.json(api.get("/api/v1/leases?subnet=b"));
        assertEquals(1, onlyB.size());
        assertEquals("10.0.1.10", onlyB.get(0).get("address").asText());
        assertTrue(ApiFixture.error(api.get("/api/v1/leases?subnet=zz"), 404).contains("subnet 'zz' does not exist"));

        var lease = ApiFixture.json(api.get("/api/v1/leases/10.0.0.10"));
        assertEquals("52:54:00:00:00:01", lease.get("mac").asText());
        assertEquals("BOUND", lease.get("state").asText());
        assertEquals(204, api.delete("/api/v1/leases/10.0.0.10").statusCode());
        assertTrue(api.state.leaseByAddress(Ipv4.parse("10.0.0.10")).isEmpty());
        ApiFixture.error(api.get("/api/v1/leases/10.0.0.10"), 404);
        assertTrue(ApiFixture.error(api.get("/api/v1/leases/10.0.0"), 400).contains("not an IPv4 address"));
    }
}
