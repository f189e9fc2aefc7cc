package spotfleet.drills;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The command the image runs: the final stage's ENTRYPOINT and CMD in {@code app/Dockerfile}, exec form (JSON arrays,
 * which is what a signal-forwarding entrypoint must be). Read from the file each time, so the drills run the service
 * with whatever JVM flags the image has now.
 */
record ImageCommand(List<String> command) {

    static final Path DOCKERFILE = Path.of("app/Dockerfile");
    /** The image's Java runtime as the app build links it (app/Dockerfile's jlink line, repeated on app/target). */
    static final Path IMAGE_RUNTIME = Path.of("app", "target", "runtime");

    static ImageCommand read() {
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        for (var instruction : instructions(DOCKERFILE)) {
            var keyword = instruction.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            var arguments = instruction.substring(keyword.length()).strip();
            switch (keyword) {
                case "FROM" -> { // a new stage starts with neither
                    entrypoint = List.of();
                    cmd = List.of();
                }
                case "ENTRYPOINT" -> entrypoint = execForm(instruction, arguments);
                case "CMD" -> cmd = execForm(instruction, arguments);
                default -> {
                }
            }
        }
        var command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        if (command.isEmpty() || !command.getFirst().equals("java")) {
            throw new AssertionError(DOCKERFILE + ": the final stage should run java, found " + command);
        }
        return new ImageCommand(List.copyOf(command));
    }

    /**
     * The command with {@code java} being the image's own runtime, app/target/runtime (the drills run where the tests run,
     * not in a container; the AOT cache in app/target only maps on the runtime that trained it).
     */
    List<String> onImageRuntime() {
        var java = IMAGE_RUNTIME.resolve("bin").resolve("java").toAbsolutePath();
        if (!Files.isExecutable(java)) {
            throw new AssertionError(java + " is missing: the app build links it in package (./mvnw -f app/pom.xml package)");
        }
        var local = new ArrayList<>(command);
        local.set(0, java.toString());
        return local;
    }

    /** The JVM options: everything between {@code java} and {@code -jar}. */
    List<String> jvmOptions() {
        return command.subList(1, command.indexOf("-jar"));
    }

    private static List<String> execForm(String instruction, String arguments) {
        if (!arguments.startsWith("[")) {
            throw new AssertionError(DOCKERFILE + ": not in exec (JSON array) form: " + instruction);
        }
        return JsonParser.parseString(arguments).getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList();
    }

    /** Instructions, one a line: comment lines dropped, lines ending in a backslash joined to the next. */
    private static List<String> instructions(Path dockerfile) {
        try {
            var text = Files.readAllLines(dockerfile).stream()
                    .map(String::stripTrailing)
                    .filter(line -> !line.strip().startsWith("#"))
                    .collect(Collectors.joining("\n"));
            return Arrays.stream(text.split("(?<!\\\\)\n"))
                    .map(instruction -> instruction.replace("\\\n", " ").strip())
                    .filter(instruction -> !instruction.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
