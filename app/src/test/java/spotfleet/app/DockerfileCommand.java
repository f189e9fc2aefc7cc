package spotfleet.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What app/Dockerfile makes the image run, read the way Docker reads it ({@link Dockerfile}), so the tests can run the
 * image's own command lines against the locally built layout (there is no Docker engine here).
 *
 * @param fromImage the final stage's base image
 * @param command   ENTRYPOINT followed by CMD, both required in exec (JSON array) form
 * @param user      the final USER, if any
 * @param exposed   the final stage's EXPOSE arguments
 * @param allFrom   every FROM line's image reference, build stages included
 * @param training  the final stage's AOT cache training run: its exec-form RUN whose arguments include
 *                  {@code -XX:AOTCacheOutput=...}, if there is one
 * @param jlink     the exec-form RUN that links the image's Java runtime ({@code jlink ... --output <dir>}), if any
 */
record DockerfileCommand(String fromImage, List<String> command, Optional<String> user, List<String> exposed,
                         List<String> allFrom, Optional<List<String>> training, Optional<List<String>> jlink) {
    static final String AOT_CACHE_OUTPUT = "-XX:AOTCacheOutput=";
    static final String AOT_CACHE = "-XX:AOTCache=";

    static DockerfileCommand read(Path dockerfile) {
        Dockerfile file = Dockerfile.read(dockerfile);
        List<Dockerfile.Stage> stages = file.stages();
        Dockerfile.Stage last = file.finalStage();
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        String user = null;
        List<String> exposed = new ArrayList<>();
        List<String> training = null;
        for (Dockerfile.Instruction instruction : last.body()) {
            switch (instruction.keyword()) {
                case "RUN" -> {
                    if (instruction.execForm() && instruction.arguments().contains(AOT_CACHE_OUTPUT)) {
                        training = instruction.execArguments();
                    }
                }
                case "ENTRYPOINT" -> entrypoint = instruction.execArguments();
                case "CMD" -> cmd = instruction.execArguments();
                case "USER" -> user = instruction.arguments();
                case "EXPOSE" -> exposed.addAll(List.of(instruction.arguments().split("\\s+")));
                default -> {
                    // other instructions do not change what the container runs
                }
            }
        }
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        if (command.isEmpty()) {
            throw new AssertionError(dockerfile + " has no final stage with an ENTRYPOINT or CMD");
        }
        List<String> jlink = stages.stream().flatMap(stage -> stage.all("RUN").stream())
                .filter(Dockerfile.Instruction::execForm)
                .map(Dockerfile.Instruction::execArguments)
                .filter(arguments -> arguments.getFirst().equals("jlink"))
                .findFirst().orElse(null);
        List<String> allFrom = stages.stream().map(stage -> stage.from().arguments().split("\\s+")[0]).toList();
        return new DockerfileCommand(allFrom.getLast(), List.copyOf(command), Optional.ofNullable(user), List.copyOf(exposed),
                                     allFrom, Optional.ofNullable(training).map(List::copyOf), Optional.ofNullable(jlink));
    }

    /** The command with {@code java} replaced by the given runtime's launcher, everything else untouched. */
    List<String> withJava(Path javaHome) {
        return withTool(command, javaHome, "java");
    }

    /** The training run with {@code java} replaced by the given runtime's launcher; fails if there is none. */
    List<String> trainingWithJava(Path javaHome) {
        return withTool(training.orElseThrow(() -> new AssertionError("the final stage has no AOT cache training run")),
                        javaHome, "java");
    }

    /** The runtime's jlink line with {@code jlink} replaced by the given JDK's; fails if there is none. */
    List<String> jlinkWith(Path jdkHome) {
        return withTool(jlink.orElseThrow(() -> new AssertionError("no stage links a runtime with jlink")), jdkHome, "jlink");
    }

    /** The directory the jlink line writes the runtime to (its {@code --output}). */
    String runtimeDirectory() {
        List<String> link = jlink.orElseThrow(() -> new AssertionError("no stage links a runtime with jlink"));
        int output = link.indexOf("--output");
        if (output < 0 || output + 1 >= link.size()) {
            throw new AssertionError("the jlink line names no --output directory: " + link);
        }
        return link.get(output + 1);
    }

    /** The file an {@code -XX:AOTCache=} or {@code -XX:AOTCacheOutput=} argument names, if any. */
    static Optional<String> aotCacheFile(List<String> arguments, String option) {
        return arguments.stream().filter(argument -> argument.startsWith(option))
                .map(argument -> argument.substring(option.length())).findFirst();
    }

    private static List<String> withTool(List<String> command, Path home, String tool) {
        if (!command.getFirst().equals(tool)) {
            throw new AssertionError("the command should start with " + tool + ", found: " + command);
        }
        List<String> local = new ArrayList<>(command);
        local.set(0, home.resolve("bin").resolve(tool).toString());
        return local;
    }
}
