package spotfleet.contract;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small shared checks of parsed JSON documents, each reporting to a {@link DocumentCheck.Sink}. */
final class JsonRules {

    private JsonRules() {
    }

    /** {@code value} is an object; reports and answers false if not. */
    static boolean object(DocumentCheck.Sink sink, CheckKind kind, String path, Object value, String what) {
        sink.checked(kind);
        if (value instanceof Map<?, ?>) {
            return true;
        }
        sink.fail(path, kind, "%s must be a JSON object, not %s".formatted(what, DocumentedConstraints.quoted(value)));
        return false;
    }

    /** Only the keys {@code allowed}. */
    static void keys(DocumentCheck.Sink sink, CheckKind kind, String path, Map<?, ?> object, Set<String> allowed) {
        for (var key : object.keySet()) {
            sink.checked(kind);
            if (!allowed.contains(String.valueOf(key))) {
                sink.fail(PlanPaths.key(path, String.valueOf(key)), kind, "unknown key %s (allowed: %s)".formatted(key, allowed));
            }
        }
    }

    /** {@code key} is present. */
    static boolean required(DocumentCheck.Sink sink, CheckKind kind, String path, Map<?, ?> object, String key) {
        sink.checked(kind);
        if (object.containsKey(key)) {
            return true;
        }
        sink.fail(PlanPaths.key(path, key), kind, "required key %s is missing".formatted(key));
        return false;
    }

    /** One of {@code values} (computed values pass). */
    static void oneOf(DocumentCheck.Sink sink, CheckKind kind, String path, Object value, List<?> values) {
        sink.checked(kind);
        if (!sink.computed(value) && !values.contains(DocumentedConstraints.normalize(value))) {
            sink.fail(path, kind, "%s is not one of %s".formatted(DocumentedConstraints.quoted(value), values));
        }
    }

    /** A whole number from {@code min} to {@code max}. */
    static void wholeNumber(DocumentCheck.Sink sink, CheckKind kind, String path, Object value, long min, long max) {
        sink.checked(kind);
        if (!(value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= min && n.doubleValue() <= max)) {
            sink.fail(path, kind, "%s is not a whole number from %d to %d".formatted(DocumentedConstraints.quoted(value), min, max));
        }
    }

    /** A string, or a list of strings (IAM's "string or array" elements); the strings, or empty after a failure. */
    static List<?> stringOrList(DocumentCheck.Sink sink, CheckKind kind, String path, Object value, boolean allowEmpty) {
        sink.checked(kind);
        if (value instanceof String) {
            return List.of(value);
        }
        if (value instanceof List<?> list && (allowEmpty || !list.isEmpty()) && list.stream().allMatch(v -> v instanceof String)) {
            return list;
        }
        sink.fail(path, kind, "must be a string or a non-empty list of strings, not %s".formatted(DocumentedConstraints.quoted(value)));
        return List.of();
    }
}
