package io.pharos.node.boot;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A read-only map that reports lookups of absent keys. Templates render with strict variables off (a
 * missing value is empty, not an error, so one unset parameter does not stop a machine from booting); this
 * is how such a lookup still reaches the log.
 */
final class RecordingMap extends AbstractMap<String, Object> {
    private final String prefix;
    private final Map<String, ?> values;
    private final Consumer<String> onMissing;

    RecordingMap(String prefix, Map<String, ?> values, Consumer<String> onMissing) {
        this.prefix = prefix;
        this.values = Map.copyOf(values);
        this.onMissing = onMissing;
    }

    @Override
    public Object get(Object key) {
        Object value = values.get(key);
        if (value == null) onMissing.accept(prefix + "." + key);
        return value;
    }

    @Override
    public boolean containsKey(Object key) {
        return values.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Set<Entry<String, Object>> entrySet() {
        return (Set<Entry<String, Object>>) (Set<?>) values.entrySet();
    }
}
