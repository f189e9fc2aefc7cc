package spotfleet.infra.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code aws:} stack config, validated ({@link AwsConfig}): each key the stack sets, by its name in
 * {@code com.pulumi.aws.ProviderArgs}, with its typed value. The program hands all of it to its explicit AWS provider
 * (an explicit provider does not read the {@code aws:} namespace itself). Empty means: everything from the
 * environment, as the AWS SDK finds it.
 *
 * @param values key name to value, sorted by name
 */
public record AwsSettings(SortedMap<String, Value> values) {

    /** How a secret value is shown anywhere a person reads it. */
    public static final String SECRET = "[secret]";

    /**
     * One setting.
     *
     * @param value  a String, Boolean, Integer, List of String, Map of field to value (an object) or List of Map
     * @param secret whether the provider must receive it as a secret and nothing may show it
     */
    public record Value(Object value, boolean secret) {
        public Value {
            Objects.requireNonNull(value, "value");
        }

        /** The value as a person may see it: {@value #SECRET} for a secret. */
        public Object shown() {
            return secret ? SECRET : value;
        }
    }

    public AwsSettings {
        values = new TreeMap<>(values);
    }

    public static AwsSettings fromEnvironment() {
        return new AwsSettings(new TreeMap<>());
    }

    /** These settings with {@code name} set to the plain (not secret) {@code value}. */
    public AwsSettings with(String name, Object value) {
        var next = new TreeMap<>(values);
        next.put(name, new Value(value, false));
        return new AwsSettings(next);
    }

    public Optional<String> region() {
        return text("region");
    }

    public Optional<String> profile() {
        return text("profile");
    }

    /** The tags {@code aws:defaultTags} adds to the program's own, in the stack file's order. */
    public Map<String, String> defaultTags() {
        var tags = new LinkedHashMap<String, String>();
        if (values.get("defaultTags") != null && values.get("defaultTags").value() instanceof Map<?, ?> defaults
                && defaults.get("tags") instanceof Map<?, ?> set) {
            set.forEach((key, value) -> tags.put(String.valueOf(key), String.valueOf(value)));
        }
        return tags;
    }

    private Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name)).map(value -> String.valueOf(value.value()));
    }
}
