package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.core.state.StateSnapshot;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReservationsApiTest {
    private final ApiFixture api = new ApiFixture();

    ReservationsApiTest() throws Exception {}

    @BeforeEach
    void subnet() {
        assertEquals(201, api.post("/api/v1/subnets", "{\"name\":\"lab\",\"cidr\":\"10.0.0.0/24\"}").statusCode());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createReadReplaceDeleteWithAnyMacSpelling() {
        HttpResponse<String> created = api.post("/api/v1/reservations",
                "{\"mac\":\"52-54-00-AA-BB-CC\",\"address\":\"10.0.0.50\",\"hostname\":\"web1\",\"options\":{\"hostname\":\"web1\"}}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("52:54:00:aa:bb:cc", ApiFixture.json(created).get("mac").asText());
        assertEquals(Ipv4.parse("10.0.0.50"), api.state.reservation(Mac.parse("52:54:00:aa:bb:cc")).orElseThrow().address());

        assertEquals("web1", ApiFixture.json(api.get("/api/v1/reservations/525400aabbcc")).get("hostname").asText());
        assertEquals(200, api.put("/api/v1/reservations/52:54:00:aa:bb:cc", "{\"address\":\"10.0.0.51\"}").statusCode());
        assertEquals(Ipv4.parse("10.0.0.51"), api.state.reservation(Mac.parse("52:54:00:aa:bb:cc")).orElseThrow().address());
        assertEquals(1, ApiFixture.json(api.get("/api/v1/reservations")).size());
        assertEquals(204, api.delete("/api/v1/reservations/52:54:00:aa:bb:cc").statusCode());
        assertTrue(api.state.reservations().isEmpty());
    }

    @Test
    void addressMustBeAHostInASubnet() {
        String outside = ApiFixture.error(api.post("/api/v1/reservations",
                "{\"mac\":\"52:54:00:00:00:01\",\"address\":\"192.168.1.5\",\"hostname\":\"-bad-\"}"), 422);
        assertTrue(outside.contains("address: 192.168.1.5 is in no subnet; use an address inside lab (10.0.0.0/24)"), outside);
        assertTrue(outside.contains("hostname: '-bad-' is not a host name"), outside);
        String broadcast = ApiFixture.error(api.post("/api/v1/reservations",
                "{\"mac\":\"52:54:00:00:00:01\",\"address\":\"10.0.0.255\"}"), 422);
        assertTrue(broadcast.contains("network or broadcast address"), broadcast);
        String missing = ApiFixture.error(api.post("/api/v1/reservations", "{\"address\":\"10.0.0.5\"}"), 422);
        assertTrue(missing.contains("mac: is required"), missing);
        assertTrue(api.log.submitted().stream().noneMatch(c -> c.getClass().getSimpleName().contains("Reservation")));
    }

    @Test
    void anAddressReservedForAnotherMacIs409AndChangesNothing() {
        assertEquals(201, api.post("/api/v1/reservations", "{\"mac\":\"52:54:00:00:00:01\",\"address\":\"10.0.0.5\"}").statusCode());
        StateSnapshot before = api.state.snapshot();
        String message = ApiFixture.error(api.post("/api/v1/reservations",
                "{\"mac\":\"52:54:00:00:00:02\",\"address\":\"10.0.0.5\"}"), 409);
        assertTrue(message.contains("already reserved for the reservation of 52:54:00:00:00:01"), message);
        assertEquals(before, api.state.snapshot());
    }

    @Test
    void pathMacMustMatchBodyAndBeAMac() {
        String mismatch = ApiFixture.error(api.put("/api/v1/reservations/52:54:00:00:00:01",
                "{\"mac\":\"52:54:00:00:00:02\",\"address\":\"10.0.0.5\"}"), 422);
        assertTrue(mismatch.contains("mac: the body says '52:54:00:00:00:02' but the path says '52:54:00:00:00:01'"), mismatch);
        String bad = ApiFixture.error(api.get("/api/v1/reservations/not-a-mac"), 400);
        assertTrue(bad.contains("not a MAC address: 'not-a-mac'"), bad);
    }
}
