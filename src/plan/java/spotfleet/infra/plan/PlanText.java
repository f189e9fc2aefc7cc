package spotfleet.infra.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The plan for people: a header saying what it is, the config, the resource tree with key settings, the outputs. */
public final class PlanText {

    private static final int WIDTH = 100;
    private static final int LONGEST_ALIGNED_VALUE = 60;

    private final StringBuilder out = new StringBuilder();
    private final Map<Optional<String>, List<Plan.PlannedResource>> children;

    private PlanText(Plan plan) {
        this.children = plan.resources().stream()
                .collect(Collectors.groupingBy(Plan.PlannedResource::parent, LinkedHashMap::new, Collectors.toList()));
    }

    public static String render(Plan plan) {
        return new PlanText(plan).write(plan);
    }

    private String write(Plan plan) {
        line("Offline plan of stack %s (project %s, runtime %s, config from %s and Pulumi.yaml)"
                .formatted(plan.stack(), plan.project(), plan.runtime(), plan.stackFile()));
        line("");
        if (plan.valid()) {
            summary(plan);
            line("");
        }
        wrap(Plan.NOTICE);
        line("");
        if (!plan.valid()) {
            line("%s: %d config problem%s, so nothing was evaluated:".formatted(plan.stackFile(), plan.problems().size(),
                    plan.problems().size() == 1 ? "" : "s"));
            plan.problems().forEach(problem -> line("  - " + problem));
            return out.toString();
        }
        config(plan);
        line("");
        wrap("Image (%s): %s.".formatted(plan.image().source(), plan.image().description()));
        line("");
        var components = plan.resources().stream().filter(r -> !r.custom()).count();
        line("Resources: %d to create (%d cloud resources in %d components)"
                .formatted(plan.resources().size(), plan.resources().size() - components, components));
        line("+ pulumi:pulumi:Stack %s-%s".formatted(plan.project(), plan.stack()));
        tree(Optional.empty(), "");
        line("");
        line("Outputs:");
        var nameWidth = plan.outputs().keySet().stream().mapToInt(String::length).max().orElse(0);
        plan.outputs().forEach((name, value) -> line(("  %-" + nameWidth + "s  %s").formatted(name, value)));
        return out.toString();
    }

    /** The summary: one labelled entry per line, wrapped under its own column. */
    private void summary(Plan plan) {
        line("Summary:");
        var lines = PlanSummary.of(plan);
        var labelWidth = lines.stream().mapToInt(summary -> summary.label().length()).max().orElse(0);
        for (var summary : lines) {
            var first = ("  %-" + labelWidth + "s  ").formatted(summary.label());
            wrap(summary.text(), first, " ".repeat(first.length()));
        }
    }

    private void config(Plan plan) {
        line("Config (stack: set in %s; default: Pulumi.yaml's default):".formatted(plan.stackFile()));
        var keyWidth = plan.config().stream().mapToInt(c -> c.key().length()).max().orElse(0);
        var values = plan.config().stream().map(c -> text(c.value())).toList();
        // a long value (an object) runs past the column rather than widening every line
        var valueWidth = values.stream().mapToInt(String::length).filter(length -> length <= LONGEST_ALIGNED_VALUE).max().orElse(0);
        for (int i = 0; i < values.size(); i++) {
            var config = plan.config().get(i);
            line(("  %-" + keyWidth + "s  %-" + valueWidth + "s  %s").formatted(config.key(), values.get(i), config.source()));
        }
    }

    private void tree(Optional<String> parent, String indent) {
        var nodes = children.getOrDefault(parent, List.of());
        for (int i = 0; i < nodes.size(); i++) {
            var node = nodes.get(i);
            var last = i == nodes.size() - 1;
            line(indent + (last ? "└─ " : "├─ ") + "+ " + node.type() + " " + node.name()
                    + (node.protect() ? "  (protected: pulumi destroy refuses to delete it)" : ""));
            var below = indent + (last ? "   " : "│  ");
            var hasChildren = children.containsKey(Optional.of(node.name()));
            var detail = below + (hasChildren ? "│  " : "   ") + "   ";
            KeySettings.of(node).forEach(setting -> value(detail, setting.path(), setting.value()));
            if (!node.dependsOn().isEmpty()) {
                line(detail + "(depends on " + String.join(", ", node.dependsOn()) + ")");
            }
            if (!node.customTimeouts().isEmpty()) {
                line(detail + "(waits at most: " + node.customTimeouts().entrySet().stream()
                        .map(timeout -> timeout.getKey() + " " + timeout.getValue()).collect(Collectors.joining(", ")) + ")");
            }
            if (!node.ignoreChanges().isEmpty()) {
                line(detail + "(updates leave alone: " + String.join(", ", node.ignoreChanges()) + ")");
            }
            tree(Optional.of(node.name()), below);
        }
    }

    /** {@code path = value}; a value of several lines (a boot script) follows on its own lines. */
    private void value(String indent, String path, String value) {
        if (!value.contains("\n")) {
            line(indent + path + " = " + value);
            return;
        }
        line(indent + path + " =");
        value.lines().forEach(text -> line(indent + "    " + text));
    }

    private static String text(Object value) {
        return switch (value) {
            case Map<?, ?> map -> new com.google.gson.Gson().toJson(map);
            case List<?> list when list.stream().anyMatch(item -> item instanceof Map<?, ?>) -> new com.google.gson.Gson().toJson(list);
            case List<?> list -> list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
            case String text when text.isEmpty() -> "(not set)";
            default -> String.valueOf(value);
        };
    }

    private void wrap(String paragraph) {
        wrap(paragraph, "", "");
    }

    /** {@code paragraph} in lines of at most {@value #WIDTH}, the first after {@code first}, the rest after {@code next}. */
    private void wrap(String paragraph, String first, String next) {
        var current = new StringBuilder(first);
        var empty = true;
        for (var word : paragraph.split(" ")) {
            if (!empty && current.length() + 1 + word.length() > WIDTH) {
                line(current.toString());
                current.setLength(0);
                current.append(next);
                empty = true;
            }
            current.append(empty ? "" : " ").append(word);
            empty = false;
        }
        line(current.toString());
    }

    private void line(String text) {
        out.append(text.stripTrailing()).append('\n');
    }
}
