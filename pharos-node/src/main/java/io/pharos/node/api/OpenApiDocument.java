package io.pharos.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.pharos.node.codec.PharosJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The hand-written OpenAPI 3.1 description of the API and boot paths, served at /api/v1/openapi.json. */
final class OpenApiDocument {
    static final String RESOURCE = "/api/openapi.json";

    private OpenApiDocument() {}

    /** Parsed once at start, so a broken document fails the start (and the tests), not a client. */
    static JsonNode load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath; rebuild Pharos");
            return PharosJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " is not valid JSON; fix the document", e);
        }
    }
}
