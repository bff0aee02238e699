package io.pharos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ApiPathsTest {
    @Test
    void segmentsKeepPcharsAndEncodeTheRest() {
        assertEquals("/machines/52:54:00:12:34:56", ApiPaths.item("/machines", "52:54:00:12:34:56"));
        assertEquals("/templates/a%2Fb%3Fc%23d%20e%25", ApiPaths.item("/templates", "a/b?c#d e%"));
        assertEquals("/params/caf%C3%A9", ApiPaths.item("/params", "café"));
        assertEquals("/subnets/%2E%2E", ApiPaths.item("/subnets", ".."));
    }

    @Test
    void filePathsKeepTheirSlashes() {
        assertEquals("/files/ubuntu/24.04/vmlinuz", ApiPaths.file("/ubuntu/24.04/vmlinuz"));
        assertEquals("/files/a%20b/%2E%2E/c", ApiPaths.file("a b/../c"));
        assertThrows(CliException.class, () -> ApiPaths.file("/"));
    }
}
