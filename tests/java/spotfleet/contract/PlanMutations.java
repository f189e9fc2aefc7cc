package spotfleet.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Changes to a copy of a planned resource, for the mutation tests: the cached plans stay as they are. */
final class PlanMutations {

    /** A value's absence: {@link #set} with it removes the input. */
    static final Object REMOVED = new Object();

    private PlanMutations() {
    }

    /** {@code resource} with the input at {@code path} replaced by {@code change} of the current value (null if none). */
    static PlanResource set(PlanResource resource, String path, UnaryOperator<Object> change) {
        @SuppressWarnings("unchecked")
        var inputs = (Map<String, Object>) deepCopy(resource.inputs());
        var steps = PlanPaths.steps(path);
        Object container = inputs;
        for (int i = 0; i < steps.size() - 1; i++) {
            container = step(container, steps.get(i));
        }
        var last = steps.getLast();
        if (container instanceof Map<?, ?> map && last instanceof String key) {
            @SuppressWarnings("unchecked")
            var writable = (Map<String, Object>) map;
            var changed = change.apply(writable.get(key));
            if (changed == REMOVED) {
                writable.remove(key);
            } else {
                writable.put(key, changed);
            }
        } else if (container instanceof List<?> list && last instanceof Integer index) {
            @SuppressWarnings("unchecked")
            var writable = (List<Object>) list;
            writable.set(index, change.apply(writable.get(index)));
        } else {
            throw new IllegalArgumentException("%s has no %s".formatted(resource.label(), path));
        }
        return new PlanResource(resource.stack(), resource.type(), resource.name(), resource.kind(), inputs);
    }

    /** {@code resource} with {@code path} set to {@code value}. */
    static PlanResource set(PlanResource resource, String path, Object value) {
        return set(resource, path, old -> value);
    }

    /** {@code resource} as if it were of {@code type}. */
    static PlanResource retype(PlanResource resource, String type) {
        return new PlanResource(resource.stack(), type, resource.name(), resource.kind(), resource.inputs());
    }

    private static Object step(Object container, Object step) {
        if (container instanceof Map<?, ?> map && step instanceof String key) {
            return map.get(key);
        }
        return ((List<?>) container).get((Integer) step);
    }

    private static Object deepCopy(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                var copy = new LinkedHashMap<String, Object>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
                yield copy;
            }
            case List<?> list -> new ArrayList<>(list.stream().map(PlanMutations::deepCopy).toList());
            case null, default -> value;
        };
    }
}
