package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pharos.core.model.ApiToken;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokensApiTest {
    private final ApiFixture api = new ApiFixture();

    TokensApiTest() throws Exception {}

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createdTokenWorksIsListedWithoutSecretAndCanBeDeleted() {
        HttpResponse<String> created = api.post("/api/v1/tokens", "{\"name\":\"ci\",\"role\":\"reader\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode body = ApiFixture.json(created);
        String text = body.get("token").asText();
        assertEquals(ApiFixture.NOW.toEpochMilli(), body.get("createdAt").asLong());
        assertEquals(200, api.send("GET", "/api/v1/machines", null, text).statusCode());

        String list = api.get("/api/v1/tokens").body();
        assertTrue(list.contains("\"ci\""), list);
        assertFalse(list.contains(text.substring(text.indexOf('.') + 1)), "the secret is shown only once");
        assertFalse(list.contains("secretSha256"), list);

        assertEquals(204, api.delete("/api/v1/tokens/" + body.get("id").asText()).statusCode());
        ApiFixture.error(api.send("GET", "/api/v1/machines", null, text), 401);
    }

    @Test
    void nameAndRoleAreChecked() {
        String message = ApiFixture.error(api.post("/api/v1/tokens", "{\"name\":\"CI bot\",\"role\":\"root\"}"), 422);
        assertTrue(message.contains("name: 'CI bot' is not a valid name"), message);
        assertTrue(message.contains("role: 'root' is not a role; use one of [admin, reader]"), message);
    }

    @Test
    void theLastAdminTokenCannotBeDeleted() {
        ApiToken only = api.state.tokens().iterator().next();
        String message = ApiFixture.error(api.delete("/api/v1/tokens/" + only.id()), 409);
        assertTrue(message.contains("last admin token; create another admin token first"), message);
        assertEquals(1, api.state.tokens().size());
        ApiFixture.error(api.delete("/api/v1/tokens/nope"), 404);
    }
}
