package io.pharos.node.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilePathsTest {
    @ParameterizedTest
    @ValueSource(strings = {"ipxe.efi", "images/ubuntu-24.04/vmlinuz", "a+b_c-d.e", "EFI/BOOT/BOOTX64.EFI"})
    void accepts(String path) {
        assertEquals(Optional.empty(), FilePaths.problem(path));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "../etc/passwd        | '..'",
            "a/../b               | '..'",
            "./a                  | '.'",
            "/abs                 | relative",
            "a\\b                 | backslash",
            "a//b                 | empty segment",
            "a/                   | empty segment",
            "sp ace               | ' '",
            "semi;colon           | ';'",
            "caf\u00e9            | '\\u00e9'",
    })
    void refusesWithAReasonNamingTheProblem(String path, String mentioned) {
        Optional<String> problem = FilePaths.problem(path);
        assertTrue(problem.isPresent(), path);
        assertTrue(problem.get().contains(mentioned), problem.get());
    }

    @org.junit.jupiter.api.Test
    void refusesNulEmptyAndOverlong() {
        assertTrue(FilePaths.problem("a\0b").orElseThrow().contains("NUL"));
        assertTrue(FilePaths.problem("").orElseThrow().contains("empty"));
        assertTrue(FilePaths.problem("a".repeat(256)).orElseThrow().contains("at most 255"));
        assertEquals(Optional.empty(), FilePaths.problem("a".repeat(255)));
    }
}
