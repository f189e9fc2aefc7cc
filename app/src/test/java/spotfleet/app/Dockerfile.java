package spotfleet.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * app/Dockerfile read the way BuildKit's parser reads it (moby/buildkit frontend/dockerfile/parser): lines ending in a
 * backslash continue, comment lines inside an instruction are dropped, {@code --name=value} flags come before the
 * arguments, and a JSON array is the exec form. It keeps what the checks need: each instruction's line, flags and the
 * comment block right above it (a blank line ends a comment block).
 *
 * @param instructions in file order
 * @param comments     every comment line in the file, without the {@code #} (hadolint's global pragmas are among them)
 */
record Dockerfile(List<Instruction> instructions, List<String> comments) {

    /**
     * One instruction.
     *
     * @param line      its first line, 1-based
     * @param keyword   upper-cased (FROM, RUN, ...)
     * @param flags     the {@code --name[=value]} options before the arguments, as written
     * @param arguments the rest, continuation lines joined with a space
     * @param comments  the comment lines directly above it (no blank line between), without the {@code #}
     */
    record Instruction(int line, String keyword, List<String> flags, String arguments, List<String> comments) {

        /** The value of {@code --name=value}, if the flag is there. */
        Optional<String> flag(String name) {
            String prefix = "--" + name + "=";
            return flags.stream().filter(flag -> flag.startsWith(prefix)).map(flag -> flag.substring(prefix.length())).findFirst();
        }

        boolean execForm() {
            return arguments.startsWith("[");
        }

        /** The arguments of the exec form (a JSON array of strings); fails on the shell form. */
        List<String> execArguments() {
            if (!execForm()) {
                throw new AssertionError("line " + line + ": not in exec (JSON array) form: " + keyword + " " + arguments);
            }
            return jsonStrings(arguments, line);
        }
    }

    /**
     * An image reference, {@code [registry/]repository[:tag][@sha256:digest]}.
     *
     * @param repository the name, registry included
     * @param tag        the tag, if any
     * @param digest     {@code sha256:<hex>}, if any
     */
    record ImageReference(String repository, Optional<String> tag, Optional<String> digest) {
        static ImageReference parse(String reference) {
            int at = reference.indexOf('@');
            String named = at < 0 ? reference : reference.substring(0, at);
            Optional<String> digest = at < 0 ? Optional.empty() : Optional.of(reference.substring(at + 1));
            int colon = named.lastIndexOf(':');
            if (colon > named.lastIndexOf('/')) {
                return new ImageReference(named.substring(0, colon), Optional.of(named.substring(colon + 1)), digest);
            }
            return new ImageReference(named, Optional.empty(), digest);
        }
    }

    /**
     * A build stage: its FROM and what follows up to the next FROM.
     *
     * @param from     the FROM instruction
     * @param base     the base image, or an earlier stage's name
     * @param name     the name after AS, if any
     * @param body     the instructions after FROM
     */
    record Stage(Instruction from, ImageReference base, Optional<String> name, List<Instruction> body) {
        List<Instruction> all(String keyword) {
            return body.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
        }
    }

    private static final Pattern FLAG = Pattern.compile("^(--[a-z-]+(?:=\\S*)?)\\s*");
    private static final Pattern FROM_ARGUMENTS = Pattern.compile("(\\S+)(?:\\s+(?i:as)\\s+(\\S+))?");

    static Dockerfile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(lines);
    }

    static Dockerfile parse(List<String> lines) {
        List<Instruction> instructions = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        List<String> allComments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String trimmed = lines.get(i).strip();
            if (trimmed.startsWith("#")) {
                allComments.add(trimmed.substring(1).strip());
                if (current.isEmpty()) {
                    comments.add(trimmed.substring(1).strip());
                }
                continue;
            }
            if (trimmed.isEmpty()) {
                if (current.isEmpty()) {
                    comments.clear();
                }
                continue;
            }
            if (current.isEmpty()) {
                start = i + 1;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(instruction(start, current.toString().strip(), List.copyOf(comments)));
            current.setLength(0);
            comments.clear();
        }
        return new Dockerfile(List.copyOf(instructions), List.copyOf(allComments));
    }

    List<Stage> stages() {
        List<Stage> stages = new ArrayList<>();
        Instruction from = null;
        List<Instruction> body = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                if (from != null) {
                    stages.add(stage(from, body));
                }
                from = instruction;
                body = new ArrayList<>();
            } else if (from != null) {
                body.add(instruction);
            }
        }
        if (from != null) {
            stages.add(stage(from, body));
        }
        return List.copyOf(stages);
    }

    Stage finalStage() {
        List<Stage> stages = stages();
        if (stages.isEmpty()) {
            throw new AssertionError("no FROM in the Dockerfile");
        }
        return stages.getLast();
    }

    private static Stage stage(Instruction from, List<Instruction> body) {
        Matcher arguments = FROM_ARGUMENTS.matcher(from.arguments());
        if (!arguments.matches()) {
            throw new AssertionError("line " + from.line() + ": FROM takes an image and an optional AS name: " + from.arguments());
        }
        return new Stage(from, ImageReference.parse(arguments.group(1)), Optional.ofNullable(arguments.group(2)), List.copyOf(body));
    }

    private static Instruction instruction(int line, String text, List<String> comments) {
        String keyword = text.split("\\s+", 2)[0];
        String rest = text.substring(keyword.length()).strip();
        List<String> flags = new ArrayList<>();
        Matcher flag = FLAG.matcher(rest);
        while (flag.find()) {
            flags.add(flag.group(1));
            rest = rest.substring(flag.end());
            flag = FLAG.matcher(rest);
        }
        return new Instruction(line, keyword.toUpperCase(Locale.ROOT), List.copyOf(flags), rest, comments);
    }

    /** A JSON array of strings, as Docker's exec form takes it. */
    private static List<String> jsonStrings(String array, int line) {
        List<String> values = new ArrayList<>();
        int i = skipSpaces(array, 1);
        if (array.charAt(i) == ']') {
            return values;
        }
        while (true) {
            if (array.charAt(i) != '"') {
                throw new AssertionError("line " + line + ": unexpected '" + array.charAt(i) + "' in " + array);
            }
            StringBuilder value = new StringBuilder();
            i++;
            while (array.charAt(i) != '"') {
                if (array.charAt(i) == '\\') {
                    i++;
                }
                value.append(array.charAt(i));
                i++;
            }
            values.add(value.toString());
            i = skipSpaces(array, i + 1);
            char next = array.charAt(i);
            if (next == ']') {
                return values;
            }
            if (next != ',') {
                throw new AssertionError("line " + line + ": expected ',' or ']' at " + i + " in " + array);
            }
            i = skipSpaces(array, i + 1);
        }
    }

    private static int skipSpaces(String text, int i) {
        while (Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
