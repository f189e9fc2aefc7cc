package spotfleet.infra.config;

import java.util.ArrayList;
import java.util.List;

/** Collects config problems instead of stopping at the first, with the message shapes all checks share. */
final class Problems {
    private final List<String> messages = new ArrayList<>();

    void add(String message) {
        messages.add(message);
    }

    void addAll(InvalidConfigException e) {
        messages.addAll(e.problems());
    }

    void check(boolean ok, String message) {
        if (!ok) {
            add(message);
        }
    }

    void between(String key, int value, int min, int max) {
        check(value >= min && value <= max, "%s (%d) must be between %d and %d".formatted(key, value, min, max));
    }

    void atLeast(String key, int value, int min) {
        check(value >= min, "%s (%d) must be >= %d".formatted(key, value, min));
    }

    void notAbove(String key, int value, String limitKey, int limit) {
        check(value <= limit, "%s (%d) must be <= %s (%d)".formatted(key, value, limitKey, limit));
    }

    int size() {
        return messages.size();
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new InvalidConfigException(messages);
        }
    }
}
