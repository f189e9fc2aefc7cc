package spotfleet.app;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The AOT cache is only used by a JVM started with the flags and class path of the training run that wrote it.
 * Both command lines take their flags from one argument file, and differ only in the cache option and the main class.
 */
class DockerfileCommandTest {
    private static final DockerfileCommand IMAGE = DockerfileCommand.read(ServiceProcess.DOCKERFILE);

    @Test
    void trainingRunAndEntrypointShareTheirFlagsAndTheCacheFile() {
        // given
        List<String> training = IMAGE.training().orElseThrow(() -> new AssertionError("no AOT cache training run in the final stage"));

        // when
        List<String> entrypoint = IMAGE.command();

        // then
        assertEquals(List.of("java", "@jvm.options", "-XX:AOTCache=spotfleet-app.aot", "-jar", "spotfleet-app.jar"), entrypoint);
        assertEquals(List.of("java", "@jvm.options", "-XX:AOTCacheOutput=spotfleet-app.aot", "-cp", "spotfleet-app.jar",
                             AotTraining.class.getName()), training);
    }
}
