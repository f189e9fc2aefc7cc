package spotfleet.infra.plan;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import spotfleet.infra.offline.ResourceTypes;
import spotfleet.infra.offline.ResourceTypes.ResourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The inputs a reviewer looks at first, per resource type, as {@code path = value} lines named by the inputs'
 * own paths (so each line can be found in the JSON form and the provider's docs). A path goes into maps by key,
 * into every item of a list with {@code [*]}, and into JSON text (policies, container definitions) as into a
 * map; a path that ends on a map shows everything under it. The paths are each type's keySettings in ResourceTypes;
 * a type without them shows all its inputs but tags.
 */
final class KeySettings {

    /** One line: an input's path and its value as text. */
    record Setting(String path, String value) {
    }

    private static final Gson JSON = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();
    private static final List<String> UNLISTED_TYPES_HIDE = List.of("tags", "tagsAll");

    private KeySettings() {
    }

    static List<Setting> of(Plan.PlannedResource resource) {
        var settings = new ArrayList<Setting>();
        var paths = ResourceTypes.of(resource.type()).flatMap(ResourceType::keyPaths).orElse(null);
        if (paths == null) {
            resource.inputs().forEach((key, value) -> {
                if (!UNLISTED_TYPES_HIDE.contains(key)) {
                    flatten(key, value, settings);
                }
            });
            return settings;
        }
        for (var path : paths) {
            select(path, resource.inputs(), settings);
        }
        return settings;
    }

    /** The text of each value at {@code path} of {@code inputs} ({@code a.b[*].c}), as the plan prints them. */
    static List<String> values(Map<String, Object> inputs, String path) {
        var settings = new ArrayList<Setting>();
        select(path, inputs, settings);
        return settings.stream().map(Setting::value).toList();
    }

    /** The values at {@code path}: a {@code [*]} step gathers one value per list item. */
    private static void select(String path, Map<String, Object> inputs, List<Setting> settings) {
        List<Object> found = List.of(inputs);
        var wildcard = false;
        for (var step : path.split("\\.")) {
            var key = step.endsWith("[*]") ? step.substring(0, step.length() - 3) : step;
            var next = new ArrayList<>();
            for (var value : found) {
                if (structured(value) instanceof Map<?, ?> map && map.get(key) != null) {
                    var inner = structured(map.get(key));
                    if (step.endsWith("[*]") && inner instanceof List<?> items) {
                        next.addAll(items);
                        wildcard = true;
                    } else {
                        next.add(inner);
                    }
                }
            }
            found = next;
        }
        if (found.isEmpty()) {
            return;
        }
        if (wildcard && found.stream().noneMatch(KeySettings::isStructure)) {
            settings.add(new Setting(path, found.stream().map(KeySettings::text).collect(Collectors.joining(", ", "[", "]"))));
        } else if (wildcard) {
            for (int i = 0; i < found.size(); i++) {
                flatten(path.replaceFirst("\\[\\*]", "[" + i + "]"), found.get(i), settings);
            }
        } else {
            flatten(path, found.getFirst(), settings);
        }
    }

    /** One line per scalar under {@code value}; a list of scalars stays on one line. */
    private static void flatten(String path, Object value, List<Setting> settings) {
        switch (structured(value)) {
            case Map<?, ?> map when !map.isEmpty() -> map.forEach((key, inner) -> flatten(path + "." + key, inner, settings));
            case List<?> list when list.stream().anyMatch(KeySettings::isStructure) -> {
                for (int i = 0; i < list.size(); i++) {
                    flatten(path + "[" + i + "]", list.get(i), settings);
                }
            }
            case List<?> list -> settings.add(new Setting(path, list.stream().map(KeySettings::text)
                    .collect(Collectors.joining(", ", "[", "]"))));
            case Object scalar -> settings.add(new Setting(path, text(scalar)));
        }
    }

    private static boolean isStructure(Object value) {
        return structured(value) instanceof Map<?, ?> || structured(value) instanceof List<?>;
    }

    /** JSON text (an IAM policy, container definitions) read as the structure it encodes. */
    private static Object structured(Object value) {
        if (value instanceof String text && (text.startsWith("{") || text.startsWith("["))) {
            try {
                return JSON.fromJson(text, Object.class);
            } catch (JsonParseException e) {
                return value;
            }
        }
        return value;
    }

    private static String text(Object value) {
        return String.valueOf(value);
    }
}
