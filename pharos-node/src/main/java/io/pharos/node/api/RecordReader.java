package io.pharos.node.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.node.codec.PharosJson;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON object into a model record field by field, so that every bad field is reported at once
 * with its path ("ranges[1]: range ... ends before it starts") instead of Jackson's first failure. Absent or
 * null fields become the given default, an empty list/map, or null; unknown fields are reported, which
 * catches typos such as "cdir". Problems found here are about the form of the body: 400.
 */
final class RecordReader {
    private static final ObjectMapper MAPPER = PharosJson.mapper();

    private RecordReader() {}

    static <R extends Record> R read(ObjectNode body, Class<R> type, Map<String, Object> defaults) {
        RecordComponent[] components = type.getRecordComponents();
        List<String> known = Arrays.stream(components).map(RecordComponent::getName).toList();
        Problems problems = new Problems();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) problems.add(name, "is not a field of " + kind(type) + "; known fields: " + String.join(", ", known));
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            JsonNode node = body.get(component.getName());
            values[i] = node == null || node.isNull()
                    ? absent(component, defaults, problems)
                    : convert(node, component, problems);
        }
        problems.throwIfAny(400);
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw ApiException.badRequest(kind(type) + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static Object absent(RecordComponent component, Map<String, Object> defaults, Problems problems) {
        if (defaults.containsKey(component.getName())) return defaults.get(component.getName());
        Class<?> raw = component.getType();
        if (List.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)) return List.of();
        if (Map.class.isAssignableFrom(raw)) return Map.of();
        if (raw.isPrimitive()) {
            problems.add(component.getName(), "is required (" + expected(MAPPER.constructType(raw)) + ")");
            return raw == boolean.class ? false : 0;
        }
        return null;
    }

    private static Object convert(JsonNode node, RecordComponent component, Problems problems) {
        JavaType type = MAPPER.constructType(component.getGenericType());
        try {
            Object value = MAPPER.readerFor(type).readValue(MAPPER.treeAsTokens(node));
            reportNulls(component.getName(), value, problems);
            return value;
        } catch (JsonMappingException e) {
            problems.add(component.getName() + path(e), reason(e));
            return null;
        } catch (IOException e) {
            problems.add(component.getName(), "cannot be read: " + e.getMessage());
            return null;
        }
    }

    /** Model records copy their lists and maps, which refuse null items; say which item instead. */
    private static void reportNulls(String field, Object value, Problems problems) {
        if (value instanceof List<?> list)
            for (int i = 0; i < list.size(); i++)
                if (list.get(i) == null) problems.add(field + "[" + i + "]", "is null; remove it or give a value");
        if (value instanceof Map<?, ?> map)
            map.forEach((key, item) -> {
                if (item == null) problems.add(field + "." + key, "is null; remove it or give a value");
            });
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) out.append('[').append(ref.getIndex()).append(']');
            else if (ref.getFieldName() != null) out.append('.').append(ref.getFieldName());
        }
        return out.toString();
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().getPackageName().startsWith("io.pharos"))
            return invalid.getOriginalMessage();
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null)
            return "expected " + expected(MAPPER.constructType(mismatch.getTargetType()));
        return e.getOriginalMessage();
    }

    private static String expected(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (type.isCollectionLikeType() || type.isArrayType()) return "a JSON array";
        if (type.isMapLikeType()) return "a JSON object of string values, e.g. {\"key\": \"value\"}";
        if (raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class) return "a whole number";
        if (raw == boolean.class || raw == Boolean.class) return "true or false";
        if (raw == String.class) return "a string";
        if (raw.isRecord()) return "a JSON object";
        return "a string in the form of " + raw.getSimpleName();
    }

    private static String kind(Class<?> type) {
        List<String> words = new ArrayList<>();
        for (String word : type.getSimpleName().split("(?=[A-Z])")) words.add(word.toLowerCase());
        return String.join(" ", words);
    }
}
