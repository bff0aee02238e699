package io.pharos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class YamlWriterTest {
    private static String yaml(String json) throws IOException {
        return YamlWriter.write(CliJson.MAPPER.readTree(json));
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
                """, yaml("""
                {"a":"yes","b":"10","c":"52:54:00:12:34:56","d":"","e":"key: value","f":" padded",
                 "g":"# not a comment","h":true,"i":7,"j":"plain words/and.paths"}"""));
    }

    @Test
    void nestsListsOfObjectsAndEmptyContainers() throws IOException {
        assertEquals("""
                - name: a
                  macs:
                    - "52:54:00:00:00:01"
                  params: {}
                - name: b
                  macs: []
                """, yaml("""
                [{"name":"a","macs":["52:54:00:00:00:01"],"params":{}},{"name":"b","macs":[]}]"""));
        assertEquals("[]\n", yaml("[]"));
    }

    @Test
    void multiLineTextBecomesALiteralBlockWithTheRightChomping() throws IOException {
        assertEquals("body: |\n  #!ipxe\n\n  chain x\n", yaml("{\"body\":\"#!ipxe\\n\\nchain x\\n\"}"));
        assertEquals("body: |-\n  a\n  b\n", yaml("{\"body\":\"a\\nb\"}"));
        assertEquals("body: |+\n  a\n\n", yaml("{\"body\":\"a\\n\\n\"}"));
        assertEquals("body: \" a\\nb\"\n", yaml("{\"body\":\" a\\nb\"}"), "leading space: quoted instead");
    }

    @Test
    void oddKeysAreQuoted() throws IOException {
        assertEquals("\"a b\": 1\n\"66\": 2\n", yaml("{\"a b\":1,\"66\":2}"));
    }
}
