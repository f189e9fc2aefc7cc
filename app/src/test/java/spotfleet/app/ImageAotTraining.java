package spotfleet.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs app/Dockerfile's AOT cache training step (its RUN with {@code -XX:AOTCacheOutput}) in target/, the
 * image's /app layout, so the cache next to the local jar comes from the very command the image build runs,
 * and the process tests and the benchmark start the service the way the image does. pom.xml runs it in
 * {@code package}; {@code -Daot.training.skip} leaves it out.
 * <p>
 * Usage: {@code ImageAotTraining <Dockerfile> <layout directory>}
 */
final class ImageAotTraining {
    private ImageAotTraining() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        DockerfileCommand image = DockerfileCommand.read(Path.of(args[0]));
        Path layout = Path.of(args[1]);
        List<String> command = image.trainingWithJava(Path.of(System.getProperty("java.home")));
        Path cache = layout.resolve(DockerfileCommand.aotCacheFile(command, DockerfileCommand.AOT_CACHE_OUTPUT).orElseThrow());
        Files.deleteIfExists(cache);

        ProcessBuilder training = new ProcessBuilder(command).directory(layout.toFile()).inheritIO();
        // as in the image build: the service's settings at their defaults, whatever this shell exports
        for (Setting setting : Setting.values()) {
            training.environment().remove(setting.envVar);
        }
        int exitCode = training.start().waitFor();
        if (exitCode != 0 || !Files.isRegularFile(cache)) {
            System.err.println("AOT cache training failed (exit code " + exitCode + ", " + cache
                                       + (Files.isRegularFile(cache) ? " written" : " not written") + "): " + String.join(" ", command));
            System.exit(1);
        }
    }
}
