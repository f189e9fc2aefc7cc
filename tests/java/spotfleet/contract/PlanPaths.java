package spotfleet.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Paths into JSON values as findings and the coverage report write them: {@code a.b[2].c}. */
final class PlanPaths {

    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private PlanPaths() {
    }

    /** The steps of {@code path}: map keys as strings, list indexes as integers. */
    static List<Object> steps(String path) {
        var steps = new ArrayList<>();
        var matcher = STEP.matcher(path);
        while (matcher.find()) {
            steps.add(matcher.group(1) != null ? matcher.group(1) : Integer.valueOf(matcher.group(2)));
        }
        return steps;
    }

    static String key(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** {@code overrides[2].instanceType} becomes {@code overrides[].instanceType}: one entry per property, not per item. */
    static String generic(String path) {
        return path.replaceAll("\\[\\d+]", "[]");
    }

    /** Every leaf path of {@code value} under {@code path}: scalars, and empty maps and lists. */
    static Stream<String> leaves(String path, Object value) {
        return switch (value) {
            case Map<?, ?> map when !map.isEmpty() -> map.entrySet().stream()
                    .flatMap(e -> leaves(key(path, String.valueOf(e.getKey())), e.getValue()));
            case List<?> list when !list.isEmpty() -> java.util.stream.IntStream.range(0, list.size()).boxed()
                    .flatMap(i -> leaves(index(path, i), list.get(i)));
            case null, default -> Stream.of(path);
        };
    }

    /** Whether {@code path} is {@code prefix} or lies under it. */
    static boolean within(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
    }
}
