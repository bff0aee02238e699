package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --from-file JSON}: an item in the API's JSON form, the starting point before flags are applied. */
final class FromFile {
    @Option(names = "--from-file", paramLabel = "JSON",
            description = "start from this item in the API's JSON form (\"-\" for stdin); flags given too override its fields")
    String path;

    /** The parsed object, or null when --from-file was not given. */
    ObjectNode read(CliContext context) {
        if (path == null) return null;
        JsonNode node;
        try {
            node = CliJson.MAPPER.readTree(readText(context, path, "--from-file"));
        } catch (IOException e) {
            throw CliException.usage("--from-file " + path + " is not JSON: " + firstLine(e));
        }
        if (node instanceof ObjectNode object) return object;
        throw CliException.usage("--from-file " + path + " must hold one JSON object (an item as `show -o json` prints it)");
    }

    private static String firstLine(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

    /** The text of a file given to option, or of stdin for "-". */
    static String readText(CliContext context, String path, String option) {
        try {
            return path.equals("-") ? new String(context.stdin().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    : Files.readString(Path.of(path));
        } catch (NoSuchFileException e) {
            throw CliException.usage(option + " " + path + ": no such file");
        } catch (IOException e) {
            throw CliException.usage(option + " " + path + ": cannot read it: " + e.getMessage());
        }
    }
}
