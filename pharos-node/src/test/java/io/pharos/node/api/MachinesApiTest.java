package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pharos.core.model.Machine;
import io.pharos.core.net.Mac;
import io.pharos.core.state.StateSnapshot;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MachinesApiTest {
    private final ApiFixture api = new ApiFixture();

    MachinesApiTest() throws Exception {}

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void postGeneratesAVersion4IdAndTheDefaultBootEnv() {
        HttpResponse<String> created = api.post("/api/v1/machines", "{\"name\":\"node-1\",\"macs\":[\"52:54:00:00:00:01\"]}");
        assertEquals(201, created.statusCode(), created.body());
        UUID id = UUID.fromString(ApiFixture.json(created).get("id").asText());
        assertEquals(4, id.version());
        assertEquals(2, id.variant());
        assertEquals("/api/v1/machines/" + id, created.headers().firstValue("Location").orElseThrow());
        Machine stored = api.state.machine(id).orElseThrow();
        assertEquals("local", stored.bootEnv());
        assertEquals(stored, api.state.machineByMac(Mac.parse("52:54:00:00:00:01")).orElseThrow());
    }

    @Test
    void readByIdOrNameReplaceKeepsIdAndDelete() {
        String id = ApiFixture.json(api.post("/api/v1/machines",
                "{\"name\":\"node-1\",\"macs\":[\"52:54:00:00:00:01\"],\"bootEnv\":\"discovery\"}")).get("id").asText();
        assertEquals("node-1", ApiFixture.json(api.get("/api/v1/machines/" + id)).get("name").asText());
        assertEquals(id, ApiFixture.json(api.get("/api/v1/machines/node-1")).get("id").asText());

        HttpResponse<String> replaced = api.put("/api/v1/machines/node-1",
                "{\"macs\":[\"52:54:00:00:00:01\",\"52:54:00:00:00:02\"],\"params\":{\"disk\":\"/dev/sda\"}}");
        assertEquals(200, replaced.statusCode(), replaced.body());
        Machine stored = api.state.machine(UUID.fromString(id)).orElseThrow();
        assertEquals(2, stored.macs().size());
        assertEquals("discovery", stored.bootEnv(), "a PUT without bootEnv keeps the machine's");
        assertEquals("/dev/sda", stored.params().get("disk"));

        JsonNode list = ApiFixture.json(api.get("/api/v1/machines"));
        assertEquals(1, list.size());
        assertEquals(204, api.delete("/api/v1/machines/node-1").statusCode());
        assertTrue(api.state.machines().isEmpty());
        ApiFixture.error(api.get("/api/v1/machines/" + id), 404);
    }

    @Test
    void putToAnUnknownNameCreates() {
        HttpResponse<String> created = api.put("/api/v1/machines/node-9", "{\"macs\":[\"52:54:00:00:00:09\"]}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(api.state.machineByName("node-9").isPresent());
    }

    @Test
    void macsBootEnvAndAddressAreChecked() {
        String message = ApiFixture.error(api.post("/api/v1/machines",
                "{\"name\":\"n\",\"macs\":[],\"bootEnv\":\"nope\",\"address\":\"10.9.9.9\",\"params\":{\"Bad Key\":\"x\"}}"), 422);
        assertTrue(message.contains("macs: needs at least one MAC address"), message);
        assertTrue(message.contains("bootEnv: boot environment 'nope' does not exist; choose one of [discovery, local]"), message);
        assertTrue(message.contains("address: 10.9.9.9 is in no subnet"), message);
        assertTrue(message.contains("params.Bad Key: is not a valid param name"), message);
        String twice = ApiFixture.error(api.post("/api/v1/machines",
                "{\"name\":\"n\",\"macs\":[\"52:54:00:00:00:01\",\"52-54-00-00-00-01\"]}"), 422);
        assertTrue(twice.contains("macs[1]: 52:54:00:00:00:01 is listed twice"), twice);
        String badMac = ApiFixture.error(api.post("/api/v1/machines", "{\"name\":\"n\",\"macs\":[\"zz\"]}"), 400);
        assertTrue(badMac.contains("macs[0]: not a MAC address: 'zz'"), badMac);
        assertTrue(api.log.submitted().isEmpty());
    }

    @Test
    void aMacOfAnotherMachineIs409AndChangesNothing() {
        assertEquals(201, api.post("/api/v1/machines", "{\"name\":\"a\",\"macs\":[\"52:54:00:00:00:01\"]}").statusCode());
        StateSnapshot before = api.state.snapshot();
        String mac = ApiFixture.error(api.post("/api/v1/machines", "{\"name\":\"b\",\"macs\":[\"52:54:00:00:00:01\"]}"), 409);
        assertTrue(mac.contains("52:54:00:00:00:01 belongs to machine 'a'"), mac);
        String name = ApiFixture.error(api.post("/api/v1/machines", "{\"name\":\"a\",\"macs\":[\"52:54:00:00:00:02\"]}"), 409);
        assertTrue(name.contains("is named 'a'"), name);
        assertEquals(before, api.state.snapshot());
    }
}
