package io.pharos.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/** The one rule for names of subnets, boot environments, templates, params, machines and tokens. */
final class Names {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final String RULE = "use 1-63 characters a-z, 0-9, '.', '_' or '-', starting with a letter or digit";

    private Names() {}

    static void check(Problems problems, String field, String value) {
        if (value == null || value.isEmpty()) problems.add(field, "is required; " + RULE);
        else if (!NAME.matcher(value).matches()) problems.add(field, "'" + value + "' is not a valid name; " + RULE);
    }

    static boolean valid(String value) {
        return value != null && NAME.matcher(value).matches();
    }

    /**
     * For PUT /kind/{name}: the body's field must equal the path, or be absent and then is taken from it.
     * Compares text; callers with other forms (MACs) compare parsed values themselves.
     */
    static void matchPath(ObjectNode body, String field, String pathValue) {
        JsonNode given = body.get(field);
        if (given == null || given.isNull()) body.put(field, pathValue);
        else if (!given.isTextual() || !given.asText().equals(pathValue))
            throw ApiException.invalid(field + ": the body says " + given + " but the path says '" + pathValue
                    + "'; make them equal or leave " + field + " out of the body (to rename, create the new one"
                    + " and delete the old)");
    }
}
