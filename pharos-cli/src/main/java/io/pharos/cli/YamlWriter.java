package io.pharos.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Block-style YAML of a JSON tree, for reading; multi-line strings (template bodies) become literal blocks.
 * jackson-dataformat-yaml writes it; we only choose which strings stay plain.
 */
final class YamlWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .stringQuotingChecker(new PlainWhenUnambiguous())
            .build());

    private YamlWriter() {}

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Plain only what every reader takes back as the same string: Jackson's default leaves "10.0.0.1" or
     * "1:20" plain, which YAML 1.1 readers (still common) may read as numbers, and "yes" as a boolean.
     */
    private static final class PlainWhenUnambiguous extends StringQuotingChecker {
        private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./@+-]*(?:[ :][A-Za-z0-9_./@+-]+)*");
        private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");

        @Override
        public boolean needToQuoteName(String name) {
            return needToQuoteValue(name) || name.contains(" ") || name.contains(":");
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return !PLAIN.matcher(value).matches() || RESERVED.contains(value.toLowerCase(Locale.ROOT));
        }
    }
}
