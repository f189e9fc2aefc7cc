package spotfleet.infra.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Config values the builder keeps as written and parses when it builds: each bad item becomes a problem naming the key
 * (and the item), and parsing goes on, so one attempt lists every bad item.
 */
final class ItemList {

    private ItemList() {
    }

    /** The items of {@code key} that parse; each that does not is a problem: {@code <key>: <what is wrong>}. */
    static <T> List<T> parse(Problems problems, String key, List<String> items, Function<String, T> parser) {
        var parsed = new ArrayList<T>();
        for (var item : items) {
            try {
                parsed.add(parser.apply(item.trim()));
            } catch (IllegalArgumentException e) {
                problems.add("%s: %s".formatted(key, e.getMessage()));
            }
        }
        return parsed;
    }

    /** The value of {@code key} parsed, or null with a problem {@code <key> (<value>) <what is wrong>}. */
    static <T> T parseOne(Problems problems, String key, String value, Function<String, T> parser) {
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException e) {
            problems.add("%s (%s) %s".formatted(key, value, e.getMessage()));
            return null;
        }
    }
}
