package spotfleet.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run-program}, which Pulumi.yaml names as the Java host's executor, called the way pulumi-java calls Maven.
 * Runs after {@code package}, so the prebuilt program jar is newer than the sources, as after {@code ./mvnw package}.
 */
class RunProgramIT {

    /** What the Java host runs to learn which plugins the program needs (pulumi-java's Maven executor). */
    private static final List<String> PLUGIN_DISCOVERY = List.of("-Dorg.slf4j.simpleLogger.logFile=System.err",
            "--no-transfer-progress", "compile", "exec:java",
            "-DmainClass=com.pulumi.bootstrap.internal.Main", "-DmainArgs=packages");

    @Test
    void aPrebuiltProgramListsItsPluginsWithoutMaven() throws Exception {
        // given: the jar `package` just built
        assertThat(Files.exists(Path.of("target/spotfleet-infra.aot"))).as("the program's AOT cache").isTrue();

        // when
        var run = runProgram(PLUGIN_DISCOVERY);

        // then: the SDK's plugin list on stdout, and no Maven in sight
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("{\"resource\":true,\"name\":\"aws\",\"version\":\"6.83.0\"}")
                .contains("{\"resource\":true,\"name\":\"docker\",\"version\":\"4.5.1\"}");
        assertThat(run.out() + run.err()).doesNotContain("[INFO]").doesNotContain("BUILD SUCCESS");
    }

    @Test
    void aCallItDoesNotKnowGoesToMavenUnchanged() throws Exception {
        // given / when
        var run = runProgram(List.of("--version"));

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Apache Maven");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run runProgram(List<String> arguments) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("./run-program"));
        command.addAll(arguments);
        var out = Files.createTempFile("run-program", ".out");
        var err = Files.createTempFile("run-program", ".err");
        try {
            var process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("./run-program " + arguments + " still running after 2 minutes");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
