package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/** One column of a table: its header and how a cell is drawn from one JSON item. */
record Column(String header, Function<JsonNode, String> cell) {
    /** A column showing one field as display text (lists joined with ", ", maps as k=v). */
    static Column field(String header, String field) {
        return new Column(header, item -> Cells.text(item.path(field)));
    }
}
