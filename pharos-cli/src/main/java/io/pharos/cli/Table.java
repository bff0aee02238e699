package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Aligned columns, two spaces apart, header first; the last column is not padded. */
final class Table {
    private Table() {}

    static List<String> render(List<Column> columns, Iterable<JsonNode> items) {
        List<String[]> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (JsonNode item : items) rows.add(columns.stream().map(c -> c.cell().apply(item)).toArray(String[]::new));
        return align(rows);
    }

    /** Rows of cells to aligned lines; every row has as many cells as the first. */
    static List<String> align(List<String[]> rows) {
        int count = rows.getFirst().length;
        int[] widths = new int[count];
        for (String[] row : rows)
            for (int i = 0; i < count; i++) widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < count; i++) {
                line.append(row[i]);
                if (i < count - 1)
                    line.append(" ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()) + 2));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
