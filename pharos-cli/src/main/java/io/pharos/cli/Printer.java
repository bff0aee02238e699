package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints API answers in the chosen format. JSON and YAML print the server's document whatever the command;
 * tables are for people and may leave details to {@code show}.
 */
final class Printer {
    private static final List<String> FIRST_FIELDS = List.of("name", "id");

    private final PrintStream out;
    private final OutputFormat format;
    private final Clock clock;

    Printer(PrintStream out, OutputFormat format, Clock clock) {
        this.out = out;
        this.format = format;
        this.clock = clock;
    }

    long nowMillis() {
        return clock.millis();
    }

    /** A collection: one row per item of the JSON array. */
    void table(JsonNode items, List<Column> columns) {
        if (document(items)) return;
        Table.render(columns, items).forEach(out::println);
    }

    /** One item: a "field  value" line per field, times in ISO-8601 UTC. */
    void detail(JsonNode item) {
        if (document(item)) return;
        List<String[]> rows = new ArrayList<>();
        // What identifies the item first; the server sends the rest in alphabetical order.
        for (String first : FIRST_FIELDS)
            if (item.has(first)) rows.add(new String[] {first + ":", detailCell(first, item.get(first))});
        for (Map.Entry<String, JsonNode> e : item.properties())
            if (!FIRST_FIELDS.contains(e.getKey())) rows.add(new String[] {e.getKey() + ":", detailCell(e.getKey(), e.getValue())});
        if (!rows.isEmpty()) Table.align(rows).forEach(out::println);
    }

    /** Nested counters and facts (stats, status) flattened to "dhcp.discover  12" lines. */
    void flat(JsonNode document) {
        if (document(document)) return;
        List<String[]> rows = new ArrayList<>();
        flatten("", document, rows);
        if (!rows.isEmpty()) Table.align(rows).forEach(out::println);
    }

    /** Something whose table form is text of its own: a template body, a param's value, a new token. */
    void text(JsonNode document, String text) {
        if (document(document)) return;
        out.print(text);
        if (!text.endsWith("\n")) out.println();
    }

    /** The outcome of a write: the server's answer for scripts, a sentence for people. */
    void done(JsonNode answer, String sentence) {
        if (format != OutputFormat.TABLE) {
            if (!answer.isMissingNode()) document(answer);
            return;
        }
        out.println(sentence);
    }

    private boolean document(JsonNode node) {
        switch (format) {
            case JSON -> out.println(CliJson.pretty(node));
            case YAML -> out.print(YamlWriter.write(node));
            case TABLE -> {
                return false;
            }
        }
        return true;
    }

    private String detailCell(String field, JsonNode value) {
        if (value.isIntegralNumber() && field.endsWith("At")) {
            String iso = Cells.time(value);
            return field.equals("expiresAt") ? iso + " (" + Cells.relative(value, nowMillis()) + ")" : iso;
        }
        if (value.isIntegralNumber() && field.endsWith("Seconds"))
            return value.asLong() + " (" + Cells.seconds(value) + ")";
        return Cells.text(value);
    }

    private static void flatten(String prefix, JsonNode node, List<String[]> rows) {
        if (node.isObject() && !node.isEmpty()) {
            for (Map.Entry<String, JsonNode> e : node.properties())
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), rows);
        } else {
            rows.add(new String[] {prefix.isEmpty() ? "value" : prefix, Cells.text(node)});
        }
    }
}
