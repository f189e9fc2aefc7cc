package spotfleet.infra.plan;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The committed workflows as YAML trees, and what the tests ask of them. */
final class Workflows {

    static final String STACK_WORKFLOW = "./.github/workflows/pulumi-stack.yml";
    private static final Pattern MATRIX_REFERENCE = Pattern.compile("\\$\\{\\{\\s*matrix\\.([\\w-]+)\\s*}}");

    private Workflows() {
    }

    /** A job that runs pulumi-stack.yml, with the stack, GitHub environment and command it passes. */
    record StackCall(String workflow, String job, String stack, String environment, String command) {
    }

    static Map<String, Object> load(String workflow) {
        return load(WorkflowLintTest.WORKFLOWS.resolve(workflow));
    }

    static Map<String, Object> load(Path workflow) {
        try {
            return map(new Yaml().load(Files.readString(workflow)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> jobs(String workflow) {
        return map(load(workflow).get("jobs"));
    }

    /** Every committed workflow's file name and YAML tree. */
    static Map<String, Map<String, Object>> all() {
        try {
            var all = new TreeMap<String, Map<String, Object>>();
            for (var workflow : WorkflowLintTest.workflows()) {
                all.put(workflow.getFileName().toString(), load(workflow));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every `uses:` value of every committed workflow, job-level and step-level. */
    static List<String> uses() {
        var uses = new ArrayList<String>();
        all().values().forEach(workflow -> collectUses(workflow, uses));
        return uses;
    }

    /** Every job that calls pulumi-stack.yml, once per value of its matrix (`${{ matrix.<key> }}` spelled out). */
    static List<StackCall> stackCalls() {
        var calls = new ArrayList<StackCall>();
        all().forEach((file, workflow) -> map(workflow.get("jobs")).forEach((id, node) -> {
            var job = map(node);
            if (STACK_WORKFLOW.equals(job.get("uses"))) {
                var with = map(job.get("with"));
                for (var values : matrixValues(job)) {
                    calls.add(new StackCall(file, id, expand(with.get("stack"), values), expand(with.get("environment"), values),
                            expand(with.get("command"), values)));
                }
            }
        }));
        return calls;
    }

    /** One map of matrix key to value per combination; a job without a matrix has one, empty. */
    private static List<Map<String, Object>> matrixValues(Map<String, Object> job) {
        var combinations = new ArrayList<Map<String, Object>>();
        combinations.add(Map.of());
        if (job.get("strategy") instanceof Map<?, ?> strategy && strategy.get("matrix") instanceof Map<?, ?> matrix) {
            for (var entry : matrix.entrySet()) {
                var next = new ArrayList<Map<String, Object>>();
                for (var combination : combinations) {
                    for (var value : (List<?>) entry.getValue()) {
                        var extended = new TreeMap<String, Object>(combination);
                        extended.put(String.valueOf(entry.getKey()), value);
                        next.add(extended);
                    }
                }
                combinations = next;
            }
        }
        return combinations;
    }

    private static String expand(Object value, Map<String, Object> matrix) {
        var reference = MATRIX_REFERENCE.matcher(String.valueOf(value));
        var expanded = new StringBuilder();
        while (reference.find()) {
            if (!matrix.containsKey(reference.group(1))) {
                throw new IllegalArgumentException("no matrix value for " + reference.group());
            }
            reference.appendReplacement(expanded, String.valueOf(matrix.get(reference.group(1))));
        }
        reference.appendTail(expanded);
        return expanded.toString();
    }

    @SuppressWarnings("unchecked")
    static void collectSteps(Object node, Consumer<Map<String, Object>> steps) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("uses") instanceof String && !map.containsKey("runs-on")) {
                steps.accept((Map<String, Object>) map);
            }
            map.values().forEach(value -> collectSteps(value, steps));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectSteps(item, steps));
        }
    }

    /** Every {@code run:} script of a workflow (jobs' steps). */
    static void collectRuns(Object node, Consumer<String> runs) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("run") instanceof String run) {
                runs.accept(run);
            }
            map.values().forEach(value -> collectRuns(value, runs));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectRuns(item, runs));
        }
    }

    static void collectUses(Object node, List<String> uses) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("uses".equals(key)) {
                    uses.add(String.valueOf(value));
                } else {
                    collectUses(value, uses);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectUses(item, uses));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> steps(Map<String, Object> job) {
        return (List<Map<String, Object>>) job.get("steps");
    }
}
