package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hand-written document cannot drift from the router: every route is documented and vice versa. */
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
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
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
        List<String> undocumented = new ArrayList<>();
        Set<String> known = new HashSet<>(SERVED_ELSEWHERE);
        for (Router.Route route : api.api.routes()) {
            String key = route.method() + " " + ApiServer.PREFIX + route.pattern();
            known.add(key);
            if (!documented.contains(key)) undocumented.add(key);
        }
        assertTrue(undocumented.isEmpty(), "routes missing from openapi.json: " + undocumented);
        Set<String> phantom = new HashSet<>(documented);
        phantom.removeAll(known);
        assertTrue(phantom.isEmpty(), "openapi.json documents routes nobody serves: " + phantom);
        assertTrue(api.api.routes().size() >= 40, "the router lost routes: " + api.api.routes().size());
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
