package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.node.http.ApiAuth;
import io.pharos.node.http.HttpResponses;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthApiTest {
    private final ApiFixture api = new ApiFixture();

    AuthApiTest() throws Exception {}

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void noTokenIs401SayingHowToGetOne() {
        HttpResponse<String> response = api.send("GET", "/api/v1/subnets", null, null);
        String message = ApiFixture.error(response, 401);
        assertTrue(message.contains("pharos tokens create"), message);
        assertTrue(message.contains("printed once"), message);
        assertEquals("Bearer realm=\"pharos\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void wrongSecretUnknownIdAndOtherSchemesAre401() {
        String id = api.adminToken.substring(0, api.adminToken.indexOf('.'));
        ApiFixture.error(api.send("GET", "/api/v1/subnets", null, id + ".wrong-secret"), 401);
        ApiFixture.error(api.send("GET", "/api/v1/subnets", null, "0000000000000000" + api.adminToken.substring(id.length())), 401);
        ApiFixture.error(api.send("GET", "/api/v1/subnets", null, "no-dot-at-all"), 401);
        assertTrue(ApiFixture.error(api.send("POST", "/api/v1/subnets", "{\"name\":\"a\",\"cidr\":\"10.0.0.0/8\"}",
                "x.y"), 401).contains("not valid"));
        assertTrue(api.log.submitted().isEmpty());
        assertEquals(200, api.get("/api/v1/subnets").statusCode());
    }

    @Test
    void deletedTokenStopsWorkingAtOnce() {
        ApiAuth.NewToken second = ApiAuth.newToken("ci", ApiAuth.ADMIN, 1, new SecureRandom());
        api.state.apply(new Command.PutToken(second.token()));
        assertEquals(200, api.send("GET", "/api/v1/status", null, second.text()).statusCode());
        assertEquals(204, api.delete("/api/v1/tokens/" + second.token().id()).statusCode());
        ApiFixture.error(api.send("GET", "/api/v1/status", null, second.text()), 401);
    }

    @Test
    void readerMayReadButNotWrite() {
        ApiAuth.NewToken reader = ApiAuth.newToken("dashboard", ApiAuth.READER, 1, new SecureRandom());
        api.state.apply(new Command.PutToken(reader.token()));
        assertEquals(200, api.send("GET", "/api/v1/subnets", null, reader.text()).statusCode());
        String message = ApiFixture.error(api.send("PUT", "/api/v1/params/x", "{\"value\":\"1\"}", reader.text()), 403);
        assertTrue(message.contains("role 'reader'"), message);
        assertTrue(api.state.params().isEmpty());
    }

    @Test
    void newTokenTextIsIdDotSecretAndOnlyTheHashIsKept() {
        ApiAuth.NewToken token = ApiAuth.newToken("n", ApiAuth.ADMIN, 7, new SecureRandom());
        String secret = token.text().substring(token.text().indexOf('.') + 1);
        assertEquals(token.token().id(), token.text().substring(0, token.text().indexOf('.')));
        assertTrue(secret.length() >= 43, "256-bit secret");
        assertTrue(!token.token().secretSha256().contains(secret));
        assertEquals(64, token.token().secretSha256().length());
        assertEquals(7, token.token().createdAt());
    }

    @Test
    void handlersMountedBehindTheTokenCheckAreProtected() {
        api.api.mountAuthenticated("/files", exchange -> HttpResponses.json(exchange, 200, "files"));
        ApiFixture.error(api.send("GET", "/api/v1/files/a/b", null, null), 401);
        assertEquals("\"files\"", api.get("/api/v1/files/a/b").body());
        assertTrue(ApiFixture.error(api.get("/api/v1/nothing"), 404).contains("/api/v1/files"));
    }

    @Test
    void openApiNeedsNoToken() {
        assertEquals(200, api.send("GET", "/api/v1/openapi.json", null, null).statusCode());
    }
}
