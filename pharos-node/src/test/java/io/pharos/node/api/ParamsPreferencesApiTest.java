package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.model.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParamsPreferencesApiTest {
    private final ApiFixture api = new ApiFixture();

    ParamsPreferencesApiTest() throws Exception {}

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void paramsRoundTrip() {
        assertEquals(200, api.put("/api/v1/params/ntp-server", "{\"value\":\"10.0.0.1\"}").statusCode());
        assertEquals("10.0.0.1", api.state.params().get("ntp-server"));
        assertEquals("10.0.0.1", ApiFixture.json(api.get("/api/v1/params/ntp-server")).get("value").asText());
        assertEquals("10.0.0.1", ApiFixture.json(api.get("/api/v1/params")).get("ntp-server").asText());
        assertEquals(204, api.delete("/api/v1/params/ntp-server").statusCode());
        ApiFixture.error(api.get("/api/v1/params/ntp-server"), 404);
    }

    @Test
    void paramNeedsAValidNameAndAValue() {
        String message = ApiFixture.error(api.put("/api/v1/params/Bad", "{}"), 422);
        assertTrue(message.contains("name: 'Bad' is not a valid name"), message);
        assertTrue(message.contains("value: is required"), message);
        String typo = ApiFixture.error(api.put("/api/v1/params/ok", "{\"valeu\":\"1\"}"), 400);
        assertTrue(typo.contains("valeu: is not a field of param value; known fields: value"), typo);
    }

    @Test
    void preferencesKeepWhatIsLeftOutAndMustNameBootEnvs() {
        assertEquals(Preferences.DEFAULT, api.state.preferences());
        assertEquals(200, api.put("/api/v1/preferences", "{\"defaultBootEnv\":\"discovery\"}").statusCode());
        assertEquals(new Preferences("discovery", "discovery"), api.state.preferences());
        assertEquals("discovery", ApiFixture.json(api.get("/api/v1/preferences")).get("defaultBootEnv").asText());
        String message = ApiFixture.error(api.put("/api/v1/preferences", "{\"unknownBootEnv\":\"nope\"}"), 422);
        assertTrue(message.contains("unknownBootEnv: boot environment 'nope' does not exist"), message);
        assertEquals(new Preferences("discovery", "discovery"), api.state.preferences());
    }
}
