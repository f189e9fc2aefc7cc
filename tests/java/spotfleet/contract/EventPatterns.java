package spotfleet.contract;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EventBridge event patterns, by the Amazon EventBridge User Guide ("Event patterns" and "Content filtering in
 * event patterns", docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html): a JSON object whose
 * fields are the event's; every value to match is in an array, of strings, numbers, null, booleans, or content
 * filters; nested objects match nested fields.
 */
public final class EventPatterns implements DocumentCheck {

    /** The fields of an event's envelope ("Amazon EventBridge events", docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html). */
    static final Set<String> ENVELOPE = Set.of("version", "id", "detail-type", "source", "account", "time", "region",
            "resources", "detail");
    static final Set<String> FILTERS = Set.of("prefix", "suffix", "anything-but", "numeric", "exists", "cidr",
            "equals-ignore-case", "wildcard");

    @Override
    public String kind() {
        return "EventBridge event pattern";
    }

    @Override
    public void check(Object document, Sink sink) {
        var k = CheckKind.EVENT_PATTERN;
        if (!JsonRules.object(sink, k, "", document, "an event pattern")) {
            return;
        }
        var pattern = (Map<?, ?>) document;
        sink.checked(k);
        if (pattern.isEmpty()) {
            sink.fail("", k, "an event pattern needs at least one field to match");
        }
        // A field outside the envelope would never match: events carry only these at the top.
        JsonRules.keys(sink, k, "", pattern, ENVELOPE);
        fields(sink, "", pattern);
    }

    private static void fields(Sink sink, String path, Map<?, ?> object) {
        var k = CheckKind.EVENT_PATTERN;
        object.forEach((key, value) -> {
            var at = PlanPaths.key(path, String.valueOf(key));
            sink.checked(k);
            if (value instanceof Map<?, ?> nested) {
                fields(sink, at, nested);
            } else if (value instanceof List<?> values) {
                if (values.isEmpty()) {
                    sink.fail(at, k, "an empty array matches nothing: EventBridge rejects it");
                }
                values.forEach(v -> matchValue(sink, at, v));
            } else {
                sink.fail(at, k, "values to match must be in an array, not %s".formatted(DocumentedConstraints.quoted(value)));
            }
        });
    }

    private static void matchValue(Sink sink, String path, Object value) {
        var k = CheckKind.EVENT_PATTERN;
        sink.checked(k);
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        if (value instanceof Map<?, ?> filter && filter.size() == 1 && FILTERS.contains(String.valueOf(filter.keySet().iterator().next()))) {
            return;
        }
        sink.fail(path, k, "%s is neither a value nor one content filter (%s)".formatted(DocumentedConstraints.quoted(value), FILTERS));
    }
}
