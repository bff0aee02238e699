package io.pharos.cli;

import java.util.Locale;
import picocli.CommandLine;

/** How results are printed: tables for people, the API's JSON (or the same as YAML) for scripts. */
enum OutputFormat {
    TABLE, JSON, YAML;

    /** Accepts the lower-case names the help shows. */
    static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an output format; use table, json or yaml");
            }
        }
    }
}
