package spotfleet.infra.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One {@code spotfleet:} config key: its Pulumi.yaml type, how its raw text (as Pulumi hands it to the
 * program: numbers as text, arrays as JSON) becomes a value, where that value goes in the
 * {@link StackSettings.Builder}, and how to read it back out of {@link StackSettings}.
 *
 * @param name   the key without its namespace
 * @param type   the type Pulumi.yaml declares: {@code integer}, {@code boolean}, {@code string} or {@code array}
 * @param parse  raw text to value; throws {@link IllegalArgumentException} saying what the text must be
 * @param set    puts the value into the builder
 * @param get    reads the value back, as Pulumi.yaml would write it (Integer, Boolean, String or List of String)
 */
public record ConfigKey<T>(
        String name,
        String type,
        Function<String, T> parse,
        BiConsumer<StackSettings.Builder, T> set,
        Function<StackSettings, Object> get) {

    public String qualifiedName() {
        return StackConfig.NAMESPACE + ":" + name;
    }

    /** Parses {@code raw} into {@code builder}, or adds a problem naming the key and the value. */
    void apply(String raw, StackSettings.Builder builder, Problems problems) {
        try {
            set.accept(builder, parse.apply(raw));
        } catch (IllegalArgumentException e) {
            problems.add("%s (%s) %s".formatted(qualifiedName(), raw, e.getMessage()));
        }
    }

    static ConfigKey<Integer> integer(String name, BiConsumer<StackSettings.Builder, Integer> set,
                                      Function<StackSettings, Integer> get) {
        return new ConfigKey<>(name, "integer", ConfigKey::parseInteger, set, get::apply);
    }

    static ConfigKey<Boolean> bool(String name, BiConsumer<StackSettings.Builder, Boolean> set,
                                   Function<StackSettings, Boolean> get) {
        return new ConfigKey<>(name, "boolean", ConfigKey::parseBoolean, set, get::apply);
    }

    static <E extends Enum<E> & ConfigChoice> ConfigKey<E> choice(String name, Class<E> choices,
                                                                   BiConsumer<StackSettings.Builder, E> set,
                                                                   Function<StackSettings, E> get) {
        return new ConfigKey<>(name, "string", raw -> parseChoice(raw, choices), set, s -> get.apply(s).configValue());
    }

    static ConfigKey<String> string(String name, BiConsumer<StackSettings.Builder, String> set,
                                    Function<StackSettings, String> get) {
        return new ConfigKey<>(name, "string", String::trim, set, get::apply);
    }

    static ConfigKey<List<String>> stringList(String name, BiConsumer<StackSettings.Builder, List<String>> set,
                                              Function<StackSettings, List<String>> get) {
        return stringList(name, "[\"t3.micro\", \"t3a.micro\"]", set, get);
    }

    /** A list of strings; {@code example} shows the reader the list a bad value should have been. */
    static ConfigKey<List<String>> stringList(String name, String example, BiConsumer<StackSettings.Builder, List<String>> set,
                                              Function<StackSettings, List<String>> get) {
        return new ConfigKey<>(name, "array", raw -> parseStringList(raw, example), set, get::apply);
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
        return values;
    }
}
