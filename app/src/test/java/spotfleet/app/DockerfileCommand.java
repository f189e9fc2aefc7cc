package spotfleet.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The final stage of app/Dockerfile, read the way Docker reads it, so the tests can run the image's own
 * command line against the locally built layout (there is no Docker engine here).
 *
 * @param fromImage  the final stage's base image
 * @param command    ENTRYPOINT followed by CMD, both required in exec (JSON array) form
 * @param user       the final USER, if any
 * @param exposed    the final stage's EXPOSE arguments
 * @param allFrom    every FROM line's image, build stages included
 * @param training   the final stage's AOT cache training run: its RUN instruction in exec form whose arguments
 *                   include {@code -XX:AOTCacheOutput=...}, if there is one
 */
record DockerfileCommand(String fromImage, List<String> command, Optional<String> user, List<String> exposed,
                         List<String> allFrom, Optional<List<String>> training) {
    static final String AOT_CACHE_OUTPUT = "-XX:AOTCacheOutput=";
    static final String AOT_CACHE = "-XX:AOTCache=";

    static DockerfileCommand read(Path dockerfile) {
        List<String> instructions = instructions(dockerfile);
        List<String> allFrom = new ArrayList<>();
        String fromImage = null;
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        String user = null;
        List<String> exposed = new ArrayList<>();
        List<String> training = null;
        for (String instruction : instructions) {
            String keyword = instruction.split("\\s+", 2)[0].toUpperCase();
            String arguments = instruction.substring(keyword.length()).trim();
            switch (keyword) {
                case "FROM" -> {
                    fromImage = arguments.split("\\s+")[0];
                    allFrom.add(fromImage);
                    // a new stage starts from nothing
                    entrypoint = List.of();
                    cmd = List.of();
                    user = null;
                    exposed.clear();
                    training = null;
                }
                case "RUN" -> {
                    if (arguments.startsWith("[") && arguments.contains(AOT_CACHE_OUTPUT)) {
                        training = execForm(instruction, arguments);
                    }
                }
                case "ENTRYPOINT" -> entrypoint = execForm(instruction, arguments);
                case "CMD" -> cmd = execForm(instruction, arguments);
                case "USER" -> user = arguments;
                case "EXPOSE" -> exposed.addAll(List.of(arguments.split("\\s+")));
                default -> {
                    // other instructions do not change what the container runs
                }
            }
        }
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        if (fromImage == null || command.isEmpty()) {
            throw new AssertionError(dockerfile + " has no final stage with an ENTRYPOINT or CMD");
        }
        return new DockerfileCommand(fromImage, List.copyOf(command), Optional.ofNullable(user), List.copyOf(exposed),
                                     List.copyOf(allFrom), Optional.ofNullable(training).map(List::copyOf));
    }

    /** The command with {@code java} replaced by the given JDK's launcher, everything else untouched. */
    List<String> withJava(Path javaHome) {
        return withJava(command, javaHome);
    }

    /** The training run with {@code java} replaced by the given JDK's launcher; fails if there is none. */
    List<String> trainingWithJava(Path javaHome) {
        return withJava(training.orElseThrow(() -> new AssertionError("the final stage has no AOT cache training run")),
                        javaHome);
    }

    /** The file an {@code -XX:AOTCache=} or {@code -XX:AOTCacheOutput=} argument names, if any. */
    static Optional<String> aotCacheFile(List<String> arguments, String option) {
        return arguments.stream().filter(argument -> argument.startsWith(option))
                .map(argument -> argument.substring(option.length())).findFirst();
    }

    private static List<String> withJava(List<String> command, Path javaHome) {
        if (!command.getFirst().equals("java")) {
            throw new AssertionError("the image's command should start with java, found: " + command);
        }
        List<String> local = new ArrayList<>(command);
        local.set(0, javaHome.resolve("bin").resolve("java").toString());
        return local;
    }

    /** Joins continuation lines and drops comments and blank lines. */
    private static List<String> instructions(Path dockerfile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dockerfile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(current.toString().strip());
            current.setLength(0);
        }
        return instructions;
    }

    /** A JSON array of strings; the shell form would run under /bin/sh, which would swallow SIGTERM. */
    private static List<String> execForm(String instruction, String arguments) {
        if (!arguments.startsWith("[")) {
            throw new AssertionError("not in exec (JSON array) form: " + instruction);
        }
        List<String> values = new ArrayList<>();
        int i = 1;
        while (true) {
            i = skipSpaces(arguments, i);
            char c = arguments.charAt(i);
            if (c == ']') {
                return values;
            }
            if (c == ',') {
                i++;
                continue;
            }
            if (c != '"') {
                throw new AssertionError("unexpected '" + c + "' in " + instruction);
            }
            StringBuilder value = new StringBuilder();
            i++;
            while (arguments.charAt(i) != '"') {
                if (arguments.charAt(i) == '\\') {
                    i++;
                }
                value.append(arguments.charAt(i));
                i++;
            }
            values.add(value.toString());
            i++;
        }
    }

    private static int skipSpaces(String text, int i) {
        while (Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
