package spotfleet.infra.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every {@code spotfleet:} key's value, typed as its {@link ConfigKey} parses it: the stack's effective config. */
public record ConfigValues(Map<ConfigKey<?>, Object> values) {

    public ConfigValues {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The declared defaults of every key. */
    static ConfigValues defaults() {
        var values = new LinkedHashMap<ConfigKey<?>, Object>();
        StackConfig.KEYS.forEach(key -> values.put(key, key.defaultValue()));
        return new ConfigValues(values);
    }

    @SuppressWarnings("unchecked") // each key's value is put in by that key (StackSettings.Builder#set)
    public <T> T get(ConfigKey<T> key) {
        return (T) values.get(key);
    }
}
