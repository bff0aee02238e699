package io.pharos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** `-o yaml` reads back as the very JSON the server sent, and keeps ambiguous strings quoted. */
class YamlWriterTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    private static String yaml(String json) throws IOException {
        return YamlWriter.write(CliJson.MAPPER.readTree(json));
    }

    private static void assertReadsBackEqual(JsonNode json) throws IOException {
        String text = YamlWriter.write(json);
        // Through JSON text first, so that numbers have the node types a parser picks (int, not long).
        assertEquals(CliJson.MAPPER.readTree(json.toString()), YAML.readTree(text), text);
    }

    @Test
    void quotesWhatYamlWouldReadAsSomethingElse() throws IOException {
        assertEquals("""
                a: "yes"
                b: "10"
                c: "52:54:00:12:34:56"
                d: ""
                e: "key: value"
                f: " padded"
                g: "# not a comment"
                h: true
                i: 7
                j: plain words/and.paths
                "a b": 1
                "66": 2
                """, yaml("""
                {"a":"yes","b":"10","c":"52:54:00:12:34:56","d":"","e":"key: value","f":" padded",
                 "g":"# not a comment","h":true,"i":7,"j":"plain words/and.paths","a b":1,"66":2}"""));
    }

    @Test
    void multiLineTextBecomesALiteralBlock() throws IOException {
        assertEquals("body: |\n  #!ipxe\n\n  chain x\n", yaml("{\"body\":\"#!ipxe\\n\\nchain x\\n\"}"));
        assertEquals("body: |-\n  a\n  b\n", yaml("{\"body\":\"a\\nb\"}"));
    }

    @Test
    void examplesReadBackEqual() throws IOException {
        for (String json : new String[] {"[]", "{}", "null", "\"x\"", "3",
                "[{\"name\":\"a\",\"macs\":[\"52:54:00:00:00:01\"],\"params\":{}},{\"name\":\"b\",\"macs\":[]}]",
                "{\"body\":\" a\\nb\",\"tail\":\"a\\n\\n\",\"tab\":\"a\\tb\\r\\n\",\"x\":[[1,2.5],[]],\"y\":null}"})
            assertReadsBackEqual(CliJson.MAPPER.readTree(json));
    }

    @Property(tries = 300)
    void anyTreeReadsBackEqual(@ForAll("trees") JsonNode tree) throws IOException {
        assertReadsBackEqual(tree);
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        Arbitrary<String> texts = Arbitraries.oneOf(
                Arbitraries.of("yes", "No", "null", "~", "true", "10", "0x1F", "1:20", "1e3", "-", "- a", "? b", "a: b",
                        "#c", "&a", "*a", "!t", "|", ">", "%x", "@x", "`x", "'q'", "\"d\"", " lead", "trail ", "",
                        "a\nb", "\n", "a\n\n", " a\nb", "ünï", "a\tb", "{x}", "[x]", "a,b"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                texts.map(t -> CliJson.MAPPER.getNodeFactory().textNode(t)),
                Arbitraries.longs().map(n -> CliJson.MAPPER.getNodeFactory().numberNode(n)),
                Arbitraries.of(true, false).map(b -> CliJson.MAPPER.getNodeFactory().booleanNode(b)),
                Arbitraries.just(CliJson.MAPPER.getNodeFactory().nullNode()));
        Arbitrary<JsonNode> lists = scalars.list().ofMaxSize(4).map(items -> {
            ArrayNode array = CliJson.MAPPER.createArrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> values = Arbitraries.oneOf(scalars, lists);
        return Arbitraries.maps(texts, Arbitraries.oneOf(values, values.map(v -> {
            ObjectNode nested = CliJson.MAPPER.createObjectNode();
            nested.set("v", v);
            return nested;
        }))).ofMaxSize(5).map(fields -> {
            ObjectNode object = CliJson.MAPPER.createObjectNode();
            fields.forEach(object::set);
            return object;
        });
    }
}
