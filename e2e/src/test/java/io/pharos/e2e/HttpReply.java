package io.pharos.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An HTTP answer as curl saw it inside a namespace. */
public record HttpReply(String request, int status, String body) {
    static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError(request + " answered " + status + " with a body that is not JSON: " + body, e);
        }
    }

    /** This reply when its status is 2xx; otherwise an AssertionError with the request and the body. */
    public HttpReply ok() {
        if (status < 200 || status > 299) throw new AssertionError(request + " answered " + status + ": " + body);
        return this;
    }
}
