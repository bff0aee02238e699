package io.pharos.node.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The failover scenarios in src/test/resources/ha/scenarios, in the style of etcd's datadriven tests: each
 * block is a command, a line {@code ----}, and the output it must produce (see {@link ScenarioDriver}).
 * Run with {@code -Dha.rewrite=true} to write the actual output into the files, then read the diff.
 */
class FailoverScenarioTest {
    private static final Path DIR = Path.of("src/test/resources/ha/scenarios");

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> scripts = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
            if (scripts.isEmpty()) throw new AssertionError("no scenarios in " + DIR.toAbsolutePath());
            return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> play(p)));
        }
    }

    private static void play(Path script) throws IOException {
        boolean rewrite = Boolean.getBoolean("ha.rewrite");
        List<String> lines = Files.readAllLines(script);
        List<String> written = new ArrayList<>();
        ScenarioDriver driver = new ScenarioDriver();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i++);
            if (line.isBlank() || line.startsWith("#")) {
                written.add(line);
                continue;
            }
            if (i >= lines.size() || !lines.get(i).equals("----"))
                throw new AssertionError(script.getFileName() + ":" + i + ": '" + line + "' must be followed by ----");
            i++;
            List<String> expected = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).isEmpty()) expected.add(lines.get(i++));
            String actual = driver.run(line);
            if (!rewrite)
                assertEquals(String.join("\n", expected), actual, script.getFileName() + ": after '" + line + "'");
            written.add(line);
            written.add("----");
            written.add(actual);
            if (i < lines.size()) {
                written.add("");
                i++;
            }
        }
        if (rewrite) Files.writeString(script, String.join("\n", written) + "\n");
    }
}
