package spotfleet.infra.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One {@code spotfleet:} config key, declared once ({@link StackConfig}): its value type (Pulumi.yaml's type, how
 * Pulumi's raw text becomes a value, and the bounds of a number), its default, the platform it applies to, the range
 * docs/configuration.md states and the description Pulumi.yaml gives. Pulumi.yaml and the reference are checked
 * against these declarations (ConfigDocumentationTest). The parsed value is stored under the key itself
 * ({@link StackSettings#value}), so a component may read a new key without a settings field of its own.
 *
 * @param readBack the value as Pulumi.yaml writes it, when the settings normalise it (a domain name, an image
 *                 reference); empty: the stored value
 */
public record ConfigKey<T>(
        String name,
        ValueType<T> valueType,
        T defaultValue,
        Scope scope,
        String range,
        String description,
        Optional<Function<StackSettings, Object>> readBack) {

    /** Where a key means something; elsewhere it must keep its default ({@link StackConfig} refuses it otherwise). */
    public enum Scope {
        ANY, EC2, FARGATE;

        boolean appliesTo(RunOn runOn) {
            return this == ANY || (this == EC2) == (runOn == RunOn.EC2);
        }
    }

    /**
     * The bounds of a whole number, checked with the same messages wherever a key has them.
     *
     * @param max empty: no upper bound
     */
    public record Bounds(int min, Optional<Integer> max) {
        void check(String key, int value, Problems problems) {
            max.ifPresentOrElse(high -> problems.between(key, value, min, high), () -> problems.atLeast(key, value, min));
        }
    }

    /**
     * A Pulumi.yaml type with its parser.
     *
     * @param type    what Pulumi.yaml declares: {@code integer}, {@code boolean}, {@code string} or {@code array}
     * @param parse   raw text to value; throws {@link IllegalArgumentException} saying what the text must be
     * @param written the value as Pulumi.yaml writes it (Integer, Boolean, String or List of String)
     * @param bounds  for a whole number, the values the program accepts
     */
    public record ValueType<T>(String type, Function<String, T> parse, Function<T, Object> written, Optional<Bounds> bounds) {

        public static ValueType<Integer> integer() {
            return new ValueType<>("integer", ValueType::parseInteger, value -> value, Optional.empty());
        }

        public static ValueType<Integer> integer(int min, int max) {
            return new ValueType<>("integer", ValueType::parseInteger, value -> value,
                    Optional.of(new Bounds(min, Optional.of(max))));
        }

        public static ValueType<Integer> integerAtLeast(int min) {
            return new ValueType<>("integer", ValueType::parseInteger, value -> value,
                    Optional.of(new Bounds(min, Optional.empty())));
        }

        public static ValueType<Boolean> bool() {
            return new ValueType<>("boolean", ValueType::parseBoolean, value -> value, Optional.empty());
        }

        public static <E extends Enum<E> & ConfigChoice> ValueType<E> choice(Class<E> choices) {
            return new ValueType<>("string", raw -> parseChoice(raw, choices), ConfigChoice::configValue, Optional.empty());
        }

        public static ValueType<String> string() {
            return new ValueType<>("string", String::trim, value -> value, Optional.empty());
        }

        /** A list of strings; {@code example} shows the reader the list a bad value should have been. */
        public static ValueType<List<String>> stringList(String example) {
            return new ValueType<>("array", raw -> parseStringList(raw, example), value -> value, Optional.empty());
        }

        private static int parseInteger(String raw) {
            try {
                return Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number");
            }
        }

        /** Pulumi writes booleans as {@code true} and {@code false}; anything else is a typo, not a truthy value. */
        private static boolean parseBoolean(String raw) {
            return switch (raw.trim()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("must be true or false");
            };
        }

        private static <E extends Enum<E> & ConfigChoice> E parseChoice(String raw, Class<E> choices) {
            return Arrays.stream(choices.getEnumConstants())
                    .filter(choice -> choice.configValue().equals(raw.trim()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("must be one of " + Arrays.stream(choices.getEnumConstants())
                            .map(ConfigChoice::configValue).collect(Collectors.joining(", "))));
        }

        /** Pulumi passes array config as JSON text, e.g. {@code ["t3.micro","t3a.micro"]}. */
        private static List<String> parseStringList(String raw, String example) {
            var notAList = new IllegalArgumentException("must be a list of strings, e.g. " + example);
            JsonArray array;
            try {
                var json = JsonParser.parseString(raw);
                if (!json.isJsonArray()) {
                    throw notAList;
                }
                array = json.getAsJsonArray();
            } catch (JsonParseException e) {
                throw notAList;
            }
            var values = new ArrayList<String>();
            for (var element : array) {
                if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
                    // YAML reads an unquoted item ending in ':' (or holding ': ') as a map: say so, it is easy to miss.
                    throw new IllegalArgumentException(("must be a list of strings, but item %d (%s) is not a string; in YAML, quote an"
                            + " item that ends with : or holds \": \"").formatted(values.size() + 1, element));
                }
                values.add(element.getAsString().trim());
            }
            return List.copyOf(values);
        }
    }

    public String qualifiedName() {
        return StackConfig.NAMESPACE + ":" + name;
    }

    /** The type Pulumi.yaml declares. */
    public String type() {
        return valueType.type();
    }

    /** The value of this key in {@code settings}, as Pulumi.yaml writes it. */
    public Object get(StackSettings settings) {
        return readBack.map(read -> read.apply(settings)).orElseGet(() -> written(settings.value(this)));
    }

    /** {@code value} as Pulumi.yaml writes it. */
    public Object written(T value) {
        return valueType.written().apply(value);
    }

    /** Whether a stack on {@code runOn} uses this key. */
    public boolean usedOn(RunOn runOn) {
        return scope.appliesTo(runOn);
    }

    /** Parses {@code raw} into {@code builder}, or adds a problem naming the key and the value. */
    void apply(String raw, StackSettings.Builder builder, Problems problems) {
        try {
            builder.set(this, valueType.parse().apply(raw));
        } catch (IllegalArgumentException e) {
            problems.add("%s (%s) %s".formatted(qualifiedName(), raw, e.getMessage()));
        }
    }

    /** The bounds of a whole number, if {@code value} is outside them. */
    void checkBounds(Object value, Problems problems) {
        valueType.bounds().ifPresent(bounds -> bounds.check(qualifiedName(), (Integer) value, problems));
    }
}
