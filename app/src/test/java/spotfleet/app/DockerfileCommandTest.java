package spotfleet.app;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The AOT cache is only used by a JVM started with the flags and class path of the training run that wrote it, on the
 * runtime that wrote it. Both command lines take their flags from one argument file and run on the runtime the jlink
 * stage links, and differ only in the cache option and the main class.
 */
class DockerfileCommandTest {
    private static final DockerfileCommand IMAGE = DockerfileCommand.read(ServiceProcess.DOCKERFILE);
    private static final Dockerfile FILE = Dockerfile.read(ServiceProcess.DOCKERFILE);

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

    @Test
    void theImagesJavaIsTheRuntimeTheJlinkStageLinks() {
        // given
        Dockerfile.Stage last = FILE.finalStage();

        // when
        List<String> copies = last.all("COPY").stream().map(Dockerfile.Instruction::arguments).toList();
        List<String> environment = last.all("ENV").stream().map(Dockerfile.Instruction::arguments).toList();

        // then: the runtime the tests link (ImageLayout) is the one java resolves to, ahead of anything else on PATH
        assertAll(() -> assertEquals(List.of("jlink", "@jlink.options", "--output", "runtime"), IMAGE.jlink().orElseThrow()),
                  () -> assertEquals(List.of("--from=jre"), last.all("COPY").getFirst().flags()),
                  () -> assertEquals("/build/runtime /opt/java/openjdk", copies.getFirst()),
                  () -> assertEquals(1, environment.size()),
                  () -> assertEquals(List.of("JAVA_HOME=/opt/java/openjdk",
                                             "PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                                             "LANG=C.UTF-8"),
                                     List.of(environment.getFirst().split("\\s+"))));
    }
}
