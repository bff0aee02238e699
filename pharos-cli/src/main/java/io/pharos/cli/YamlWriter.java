package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Block-style YAML 1.2 of a JSON tree, for reading. A string is written plain only when YAML would read it
 * back as the same string; otherwise double-quoted with JSON escapes (valid YAML, YAML 1.2 §7.3.1), or as a
 * literal block when it spans lines (template bodies). jackson-dataformat-yaml would do this, but the CLI
 * module ships with jackson-databind alone.
 */
final class YamlWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./@+-]*(?:[ :][A-Za-z0-9_./@+-]+)*");
    // Words YAML 1.1 readers (still common) take for booleans or null.
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");

    private YamlWriter() {}

    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        if (node.isContainerNode() && !node.isEmpty()) block(node, 0, out);
        else out.append(scalar(node, 0)).append('\n');
        return out.toString();
    }

    private static void block(JsonNode node, int indent, StringBuilder out) {
        String pad = " ".repeat(indent);
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.append(pad).append(key(e.getKey())).append(':');
                value(e.getValue(), indent + 2, out);
            }
        } else {
            for (JsonNode item : node) {
                if (item.isContainerNode() && !item.isEmpty()) {
                    // Compact form "- name: a": the item's first line shares the dash's line.
                    StringBuilder nested = new StringBuilder();
                    block(item, indent + 2, nested);
                    out.append(pad).append("- ").append(nested, indent + 2, nested.length());
                } else {
                    out.append(pad).append('-');
                    value(item, indent + 2, out);
                }
            }
        }
    }

    private static void value(JsonNode value, int indent, StringBuilder out) {
        if (value.isContainerNode() && !value.isEmpty()) {
            out.append('\n');
            block(value, indent, out);
        } else {
            out.append(' ').append(scalar(value, indent)).append('\n');
        }
    }

    private static String scalar(JsonNode value, int indent) {
        if (value.isObject()) return "{}";
        if (value.isArray()) return "[]";
        if (value.isNull() || value.isMissingNode()) return "null";
        if (!value.isTextual()) return value.asText();
        String text = value.asText();
        if (isPlain(text)) return text;
        if (canBeLiteral(text)) return literal(text, indent);
        return new TextNode(text).toString();
    }

    private static String key(String key) {
        return isPlain(key) && !key.contains(" ") && !key.contains(":") ? key : new TextNode(key).toString();
    }

    private static boolean isPlain(String text) {
        return PLAIN.matcher(text).matches() && !RESERVED.contains(text.toLowerCase(java.util.Locale.ROOT));
    }

    /** Literal blocks keep every character but cannot start with a space or hold CR, tabs or other controls. */
    private static boolean canBeLiteral(String text) {
        if (!text.contains("\n") || text.startsWith(" ") || text.startsWith("\n")) return false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && Character.isISOControl(c)) return false;
        }
        return true;
    }

    private static String literal(String text, int indent) {
        int trailing = 0;
        while (trailing < text.length() && text.charAt(text.length() - 1 - trailing) == '\n') trailing++;
        // Chomping indicator (YAML 1.2 §8.1.1.2): "-" strip, "" clip (one newline), "+" keep all.
        String chomp = trailing == 0 ? "-" : trailing == 1 ? "" : "+";
        String pad = " ".repeat(Math.max(indent, 2));
        String body = text.substring(0, text.length() - trailing);
        StringBuilder out = new StringBuilder("|").append(chomp);
        for (String line : body.split("\n", -1)) out.append('\n').append(line.isEmpty() ? "" : pad + line);
        for (int i = 1; i < trailing; i++) out.append('\n');
        return out.toString();
    }
}
