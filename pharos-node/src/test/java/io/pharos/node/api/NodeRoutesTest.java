package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /status, /stats and what happens off the routes: 404 naming prefixes, 405 with Allow, HEAD. */
class NodeRoutesTest {
    private final ApiFixture api = new ApiFixture();

    NodeRoutesTest() throws Exception {}

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void statusAndStats() {
        JsonNode status = ApiFixture.json(api.get("/api/v1/status"));
        assertEquals("node1", status.get("nodeId").asText());
        assertEquals("0.1.0-test", status.get("version").asText());
        assertEquals("leader", status.get("role").asText());
        assertEquals(42, status.get("appliedIndex").asLong());

        JsonNode stats = ApiFixture.json(api.get("/api/v1/stats"));
        assertEquals(3, stats.get("dhcp").get("malformed").asInt());
        assertTrue(stats.get("http").get("requests").asLong() >= 2, stats.toString());
    }

    @Test
    void unknownRouteNamesThePrefixesAndWrongMethodSaysAllow() {
        String message = ApiFixture.error(api.get("/api/v1/subnetz"), 404);
        assertTrue(message.contains("/api/v1/subnets") && message.contains("/api/v1/machines"), message);
        assertTrue(message.contains("openapi.json"), message);
        ApiFixture.error(api.get("/api/v1x"), 404);

        HttpResponse<String> wrong = api.send("PATCH", "/api/v1/subnets/lab", "{}");
        assertTrue(ApiFixture.error(wrong, 405).contains("PATCH is not allowed"));
        assertEquals("GET, HEAD, PUT, DELETE", wrong.headers().firstValue("Allow").orElseThrow());
        assertTrue(api.log.submitted().isEmpty());
    }

    @Test
    void headAnswersLikeGetWithoutBodyAndTrailingSlashIsTolerated() {
        HttpResponse<String> head = api.send("HEAD", "/api/v1/subnets", null);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(200, api.get("/api/v1/subnets/").statusCode());
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"name\":\"t\",\"body\":\"" + "x".repeat(ApiRequest.MAX_BODY_BYTES) + "\"}";
        assertTrue(ApiFixture.error(api.post("/api/v1/templates", huge), 413).contains("/api/v1/files"));
    }
}
