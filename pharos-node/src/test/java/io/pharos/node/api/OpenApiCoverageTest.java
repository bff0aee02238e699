package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written document cannot drift from the routers: every route of the API and cluster tables is
 * documented, and every documented route is served.
 */
class OpenApiCoverageTest {
    /** Routes other handlers serve on the same host (the files and boot handlers). */
    private static final Set<String> SERVED_ELSEWHERE = Set.of(
            "GET /api/v1/files", "GET /api/v1/files/{path}", "PUT /api/v1/files/{path}", "DELETE /api/v1/files/{path}",
            "GET /boot/ipxe/{mac}", "GET /boot/register", "GET /boot/files/{path}", "GET /boot/pxelinux/{mac}",
            "GET /boot/grub/{mac}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final ApiFixture api = new ApiFixture();

    OpenApiCoverageTest() throws Exception {}

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists(@TempDir Path dir) throws Exception {
        Set<String> documented = documented();
        try (ClusterRoutesFixture cluster = new ClusterRoutesFixture(api, dir)) {
            List<String> served = new ArrayList<>(cluster.routes());
            assertTrue(served.size() >= 15, "the cluster routes shrank: " + served);
            for (Router.Route route : api.api.routes()) served.add(route.method() + " " + ApiServer.PREFIX + route.pattern());
            List<String> undocumented = served.stream().filter(route -> !documented.contains(route)).toList();
            assertTrue(undocumented.isEmpty(), "routes missing from openapi.json: " + undocumented);
            Set<String> phantom = new HashSet<>(documented);
            phantom.removeAll(served);
            phantom.removeAll(SERVED_ELSEWHERE);
            assertTrue(phantom.isEmpty(), "openapi.json documents routes nobody serves: " + phantom);
            assertTrue(api.api.routes().size() >= 40, "the router lost routes: " + api.api.routes().size());
        }
    }

    /** Each documented cluster route reaches its handler on a real node: without a token it is 401, never 404 or 405. */
    @Test
    void everyDocumentedClusterRouteAnswersOnARealNode(@TempDir Path dir) throws Exception {
        try (ClusterRoutesFixture cluster = new ClusterRoutesFixture(api, dir)) {
            List<String> clusterRoutes = documented().stream().filter(r -> r.contains(" /api/v1/cluster/")).sorted().toList();
            assertTrue(clusterRoutes.size() >= 15, clusterRoutes.toString());
            for (String route : clusterRoutes) {
                String[] parts = route.split(" ");
                String path = parts[1].replace("{id}", "node9").replace("{sha256}", "0".repeat(64));
                HttpResponse<String> answer = api.send(parts[0], path, parts[0].equals("POST") ? "{}" : null, null);
                assertEquals(401, answer.statusCode(), route + " answered " + answer.statusCode() + " " + answer.body());
            }
            assertEquals(404, api.send("GET", "/api/v1/cluster/nonsense", null, null).statusCode());
        }
    }

    private Set<String> documented() {
        JsonNode doc = ApiFixture.json(api.send("GET", "/api/v1/openapi.json", null, null));
        assertEquals("3.1.0", doc.get("openapi").asText());
        Set<String> documented = new HashSet<>();
        for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> methods = doc.get("paths").get(path).fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (METHODS.contains(method)) documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        return documented;
    }

    @Test
    void everyReferenceResolves() {
        JsonNode doc = OpenApiDocument.load();
        List<String> broken = new ArrayList<>();
        doc.findValues("$ref").forEach(ref -> {
            String pointer = ref.asText().substring(1);
            if (doc.at(pointer).isMissingNode()) broken.add(ref.asText());
        });
        assertTrue(broken.isEmpty(), "unresolved $ref: " + broken);
    }
}
