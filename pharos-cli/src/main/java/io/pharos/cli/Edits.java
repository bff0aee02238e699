package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * How flags change an item: a flag that was not given leaves its field alone; a list flag replaces the list;
 * a NAME=VALUE flag sets one key of a map and --unset-* removes one; "" clears an optional field.
 */
final class Edits {
    private Edits() {}

    static void text(ObjectNode item, String field, String value) {
        if (value != null) item.put(field, value);
    }

    /** Sets field, or removes it when value is "" (the server then reads it as absent). */
    static void optionalText(ObjectNode item, String field, String value) {
        if (value == null) return;
        if (value.isEmpty()) item.remove(field);
        else item.put(field, value);
    }

    static void number(ObjectNode item, String field, Long value) {
        if (value != null) item.put(field, value);
    }

    static void list(ObjectNode item, String field, List<String> values) {
        if (values == null) return;
        ArrayNode array = item.putArray(field);
        values.forEach(array::add);
    }

    static void map(ObjectNode item, String field, Map<String, String> put, List<String> remove) {
        if (put == null && remove == null) return;
        JsonNode existing = item.get(field);
        ObjectNode map = existing instanceof ObjectNode object ? object : item.putObject(field);
        if (put != null) put.forEach(map::put);
        if (remove != null) remove.forEach(map::remove);
    }

    /** For create: fields the server's records need even when empty. */
    static void defaultList(ObjectNode item, String field) {
        if (!item.hasNonNull(field)) item.putArray(field);
    }

    static void defaultMap(ObjectNode item, String field) {
        if (!item.hasNonNull(field)) item.putObject(field);
    }

    static void defaultText(ObjectNode item, String field, String value) {
        if (!item.hasNonNull(field)) item.put(field, value);
    }

    /**
     * Sets the identifying field from the command line if given; it must end up set, else a usage error that
     * says how to give it (how: e.g. "a NAME argument", "--mac").
     */
    static String name(ObjectNode item, String field, String given, String noun, String how) {
        if (given != null) item.put(field, given);
        String name = item.path(field).asText("");
        if (name.isBlank())
            throw CliException.usage("give the " + noun + " its " + field + " with " + how + " (or as \"" + field
                    + "\" in --from-file)");
        return name;
    }
}
