package spotfleet.infra.plan;

import com.google.gson.GsonBuilder;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import spotfleet.infra.config.DidYouMean;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack as the Pulumi CLI would hand it to the program, read from the project's files without the CLI:
 * the project's name and runtime from {@code Pulumi.yaml}, and the {@code config:} of {@code Pulumi.<stack>.yaml}
 * in Pulumi's raw text form (scalars as text, lists and maps as JSON).
 *
 * @param project  the project name
 * @param runtime  the project's runtime, e.g. {@code java}
 * @param stack    the stack name
 * @param file     the stack file's name, e.g. {@code Pulumi.dev.yaml}
 * @param config   qualified key ({@code spotfleet:taskMemory}, {@code aws:region}) to raw text, in file order
 * @param problems what is wrong with the stack file itself (keys without a namespace, encrypted values)
 * @param directory the project directory it was read from (where the other stacks' files are)
 */
public record StackFile(String project, String runtime, String stack, String file, Map<String, String> config,
                        List<String> problems, Path directory) {

    /**
     * The keys Pulumi reads at the top of a stack file (pulumi/pulumi sdk/go/common/workspace/project.go,
     * {@code ProjectStack}'s yaml tags); anything else there Pulumi ignores.
     */
    public static final List<String> TOP_LEVEL_KEYS = List.of("config", "environment", "secretsprovider", "encryptedkey",
            "encryptionsalt");

    /** The project's files cannot be read at all: nothing to plan. */
    public static class UnreadableException extends Exception {
        UnreadableException(String message) {
            super(message);
        }
    }

    /** The project file or the stack's file is not there: the command named the wrong stack or directory. */
    public static final class NotFoundException extends UnreadableException {
        NotFoundException(String message) {
            super(message);
        }
    }

    public static StackFile read(Path projectDir, String stack) throws UnreadableException {
        var project = load(projectDir.resolve("Pulumi.yaml"));
        var fileName = "Pulumi." + stack + ".yaml";
        var stackPath = projectDir.resolve(fileName);
        if (!Files.exists(stackPath)) {
            throw new NotFoundException("%s not found in %s (stacks there: %s)"
                    .formatted(fileName, projectDir.toAbsolutePath().normalize(), String.join(", ", stacks(projectDir))));
        }
        var name = text(project.get("name"));
        if (name.isEmpty()) {
            throw new UnreadableException("Pulumi.yaml has no project name (name:)");
        }
        var problems = new ArrayList<String>();
        var config = new LinkedHashMap<String, String>();
        var document = load(stackPath);
        problems.addAll(topLevelProblems(fileName, document));
        var entries = document.get("config");
        if (entries != null && !(entries instanceof Map<?, ?>)) {
            throw new UnreadableException("%s: config must be a map of key: value, not %s".formatted(fileName, entries));
        }
        if (entries instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                var qualified = String.valueOf(key);
                if (!qualified.contains(":")) {
                    problems.add("%s (in %s) has no namespace: Pulumi stack files write %s:%s"
                            .formatted(qualified, fileName, name, qualified));
                } else if (value instanceof Map<?, ?> object && object.containsKey("secure")) {
                    problems.add("%s is encrypted (secure:), which only the Pulumi CLI can read".formatted(qualified));
                } else {
                    config.put(qualified, raw(value));
                }
            });
        }
        return new StackFile(name, runtimeName(project.get("runtime")), stack, fileName, config, List.copyOf(problems), projectDir);
    }

    /**
     * What is wrong at the top of a stack file: nothing in it (every key would take its default, with no region), keys
     * Pulumi does not read there (config keys written without {@code config:} above them are silently ignored by the
     * CLI), and an ESC {@code environment:}, whose config only the Pulumi CLI can open.
     */
    private static List<String> topLevelProblems(String fileName, Map<?, ?> document) {
        var problems = new ArrayList<String>();
        if (document.isEmpty()) {
            problems.add(("%s is empty: a stack file holds the stack's config under config:, at least its region"
                    + " (config:, then indented below it aws:region: eu-west-1); README.md's \"Your own service\" has a"
                    + " complete one").formatted(fileName));
            return problems;
        }
        var keys = document.keySet().stream().map(String::valueOf).toList();
        var namespaced = keys.stream().filter(key -> key.contains(":")).toList();
        if (!namespaced.isEmpty()) {
            problems.add(("%s: %s %s at the top level, where Pulumi does not read config: did you mean to put %s under"
                    + " config:? (a line config: first, then each key indented below it)").formatted(fileName,
                    String.join(", ", namespaced), namespaced.size() == 1 ? "is" : "are", namespaced.getFirst()));
        }
        keys.stream().filter(key -> !key.contains(":") && !TOP_LEVEL_KEYS.contains(key)).forEach(key -> problems.add(
                DidYouMean.closest(key, TOP_LEVEL_KEYS)
                        .map(known -> "%s: %s is not a key of a Pulumi stack file: did you mean %s?".formatted(fileName, key, known))
                        .orElseGet(() -> "%s: %s is not a key of a Pulumi stack file (Pulumi reads %s)"
                                .formatted(fileName, key, String.join(", ", TOP_LEVEL_KEYS)))));
        if (document.containsKey("environment")) {
            problems.add(("%s imports Pulumi ESC environments (environment:), whose config only the Pulumi CLI can open:"
                    + " the offline plan would plan without it. Plan a copy with those values under config:")
                    .formatted(fileName));
        }
        return problems;
    }

    /** {@code runtime: java}, or its long form {@code runtime: {name: java, options: ...}}. */
    private static String runtimeName(Object runtime) {
        return runtime instanceof Map<?, ?> longForm ? text(longForm.get("name")) : text(runtime);
    }

    /** The stacks with a {@code Pulumi.<stack>.yaml} in {@code projectDir}, sorted. */
    public static List<String> stacks(Path projectDir) throws UnreadableException {
        try (var files = Files.list(projectDir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("Pulumi.") && name.endsWith(".yaml") && !name.equals("Pulumi.yaml"))
                    .map(name -> name.substring("Pulumi.".length(), name.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UnreadableException("cannot list %s: %s".formatted(projectDir, e.getMessage()));
        }
    }

    /** Pulumi's raw form of a config value: the program receives lists and maps as JSON text. */
    private static String raw(Object value) {
        // No HTML escaping, nulls kept: a value's '=' stays '=', and a YAML key without a value shows, in the JSON the
        // program (and its error messages) reads.
        return value instanceof List<?> || value instanceof Map<?, ?>
                ? new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJson(value) : text(value);
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static Map<?, ?> load(Path file) throws UnreadableException {
        try {
            // SafeConstructor: plain maps, lists and scalars only, never arbitrary Java types.
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            if (document == null) {
                return Map.of();
            }
            if (!(document instanceof Map<?, ?> map)) {
                throw new UnreadableException("%s must be a YAML map, not %s".formatted(file.getFileName(), document));
            }
            return map;
        } catch (NoSuchFileException e) {
            throw new NotFoundException("%s not found".formatted(file.toAbsolutePath().normalize()));
        } catch (IOException e) {
            throw new UnreadableException("cannot read %s: %s".formatted(file, e.getMessage()));
        } catch (YAMLException e) {
            throw new UnreadableException("%s is not valid YAML: %s".formatted(file.getFileName(), e.getMessage()));
        }
    }
}
