package spotfleet.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Repeats app/Dockerfile's two target-platform steps in target/, the image's layout: links the Java runtime with the
 * Dockerfile's own jlink line (into {@code runtime/}, the image's {@code $JAVA_HOME}), then runs its AOT cache training
 * step (the RUN with {@code -XX:AOTCacheOutput}) on that runtime. So the cache next to the local jar comes from the very
 * commands the image build runs, and the process tests and the benchmark start the service the way the image does.
 * pom.xml runs it in {@code package}; {@code -Daot.training.skip} leaves it out.
 * <p>
 * Usage: {@code ImageLayout <Dockerfile> <layout directory>}, run by a JDK (its jlink links the runtime).
 */
final class ImageLayout {
    private ImageLayout() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        DockerfileCommand image = DockerfileCommand.read(Path.of(args[0]));
        Path layout = Path.of(args[1]);

        Path runtime = layout.resolve(image.runtimeDirectory());
        deleteRecursively(runtime); // jlink refuses to write into an existing directory
        run(layout, image.jlinkWith(Path.of(System.getProperty("java.home"))), "linking the runtime", runtime);

        List<String> training = image.trainingWithJava(runtime);
        Path cache = layout.resolve(DockerfileCommand.aotCacheFile(training, DockerfileCommand.AOT_CACHE_OUTPUT).orElseThrow());
        Files.deleteIfExists(cache);
        run(layout, training, "AOT cache training", cache);
    }

    private static void run(Path layout, List<String> command, String what, Path output) throws IOException, InterruptedException {
        ProcessBuilder step = new ProcessBuilder(command).directory(layout.toFile()).inheritIO();
        // as in the image build: the service's settings at their defaults, whatever this shell exports
        for (Setting setting : Setting.values()) {
            step.environment().remove(setting.envVar);
        }
        step.environment().remove("JDK_JAVA_OPTIONS");
        int exitCode = step.start().waitFor();
        if (exitCode != 0 || !Files.exists(output)) {
            System.err.println(what + " failed (exit code " + exitCode + ", " + output
                                       + (Files.exists(output) ? " written" : " not written") + "): " + String.join(" ", command));
            System.exit(1);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
