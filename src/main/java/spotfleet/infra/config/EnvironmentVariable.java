package spotfleet.infra.config;

import java.util.regex.Pattern;

/**
 * One plain environment variable of the service's container, as {@code spotfleet:environment} writes it:
 * {@code NAME=value}. ECS's model sets no rule for names (botocore ecs 2014-11-13, shape {@code KeyValuePair}: any
 * string), so names follow POSIX (Base Definitions, chapter 8 "Environment Variables": letters, digits and underscore,
 * not starting with a digit), which every shell and runtime can read back.
 *
 * @param name  the variable's name
 * @param value its value, everything after the first {@code =} (may be empty)
 */
public record EnvironmentVariable(String name, String value) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The variable {@code text} writes, or an {@link IllegalArgumentException} naming the item and the problem. */
    static EnvironmentVariable parse(String text) {
        var equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("%s is not NAME=value".formatted(text));
        }
        return new EnvironmentVariable(checkedName(text, text.substring(0, equals)), text.substring(equals + 1));
    }

    /** {@code name} if it is a POSIX name; the problem names the whole {@code item}. */
    static String checkedName(String item, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(("%s: the name %s is not a POSIX variable name (letters, digits and _, not starting"
                    + " with a digit)").formatted(item, name.isEmpty() ? "\"\"" : name));
        }
        return name;
    }

    /** As {@code spotfleet:environment} writes it. */
    public String configValue() {
        return name + "=" + value;
    }
}
