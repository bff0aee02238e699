package io.pharos.node.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves node-local settings from flags, then environment variables, then a config file (key = value,
 * keys as the flag names), then defaults — remembering where each value came from.
 */
public final class SettingsLoader {
    public record Value(String value, String source) {}

    private SettingsLoader() {}

    /**
     * @param flags   values given on the command line, by setting
     * @param env     the process environment
     * @param config  the config file, or null (then PHAROS_CONFIG, if set, names it)
     */
    public static Map<Setting, Value> resolve(Map<Setting, String> flags, Map<String, String> env, Path config,
                                              String home, boolean root) throws ConfigException {
        Path file = config != null ? config : env.containsKey("PHAROS_CONFIG") ? Path.of(env.get("PHAROS_CONFIG")) : null;
        Properties fromFile = file == null ? new Properties() : read(file);
        List<String> unknown = new ArrayList<>();
        for (String key : fromFile.stringPropertyNames())
            if (Setting.all().stream().noneMatch(s -> s.key().equals(key))) unknown.add(key);
        if (!unknown.isEmpty())
            throw new ConfigException(List.of("config file " + file + " has unknown keys " + unknown
                    + "; known keys are the flag names: " + Setting.all().stream().map(Setting::key).toList()));
        Map<Setting, Value> out = new EnumMap<>(Setting.class);
        for (Setting s : Setting.all()) {
            if (flags.containsKey(s)) out.put(s, new Value(flags.get(s), "flag " + s.flag()));
            else if (env.containsKey(s.envVar())) out.put(s, new Value(env.get(s.envVar()), "environment " + s.envVar()));
            else if (fromFile.containsKey(s.key())) out.put(s, new Value(fromFile.getProperty(s.key()).trim(), "config file " + file));
            else out.put(s, new Value(s.defaultValue(home, root), "default"));
        }
        return out;
    }

    private static Properties read(Path file) throws ConfigException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read config file " + file + ": " + e.getMessage()
                    + " — check the path given with --config or PHAROS_CONFIG"));
        }
        return properties;
    }
}
