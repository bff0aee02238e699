package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Display text of JSON values for tables: one line each, nothing hidden. */
final class Cells {
    private Cells() {}

    static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) return "";
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(text(v)));
            return String.join(", ", parts);
        }
        if (value.isObject()) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : value.properties()) parts.add(e.getKey() + "=" + text(e.getValue()));
            return String.join(", ", parts);
        }
        return oneLine(value.asText());
    }

    /** Control characters (newlines in a template, say) would break the columns; show them escaped. */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(Character.isISOControl(c) ? '?' : c);
            }
        }
        return out.toString();
    }

    static String time(JsonNode epochMillis) {
        return epochMillis.isIntegralNumber() ? TimeText.iso(epochMillis.asLong()) : text(epochMillis);
    }

    static String relative(JsonNode epochMillis, long nowMillis) {
        return epochMillis.isIntegralNumber() ? TimeText.relative(epochMillis.asLong(), nowMillis) : text(epochMillis);
    }

    static String seconds(JsonNode seconds) {
        return seconds.isIntegralNumber() ? Durations.format(seconds.asLong()) : text(seconds);
    }
}
