package io.pharos.node.api;

import java.util.Map;

/** What a route answers: a status, a body to write as JSON (null for none) and extra headers. */
record Reply(int status, Object body, Map<String, String> headers) {
    static Reply ok(Object body) {
        return new Reply(200, body, Map.of());
    }

    static Reply created(Object body, String location) {
        return new Reply(201, body, Map.of("Location", location));
    }

    static Reply noContent() {
        return new Reply(204, null, Map.of());
    }
}
