package spotfleet.infra;

import com.google.gson.Gson;
import org.junit.jupiter.api.Test;
import spotfleet.infra.engine.EngineStandIn;
import spotfleet.infra.plan.StackFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run-program}, which Pulumi.yaml names as the Java host's executor, called with exactly the arguments
 * pulumi-java's Maven executor passes. The source, pulumi/pulumi-java {@code pkg/internal/executors/executor_maven.go}
 * ({@code newMavenExecutor}), reads:
 * <pre>
 * BuildArgs: []string{
 *     "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "--no-transfer-progress", "compile",
 * },
 * RunArgs: []string{
 *     "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "--no-transfer-progress", "compile", "exec:java",
 * },
 * PluginArgs: []string{
 *     "-Dorg.slf4j.simpleLogger.logFile=System.err",
 *     "--no-transfer-progress", "compile", "exec:java",
 *     "-DmainClass=com.pulumi.bootstrap.internal.Main",
 *     "-DmainArgs=packages",
 * },
 * // GetProgramDependencies:
 * command := exec.Command(cmd, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "--no-transfer-progress",
 *     "dependency:tree", "-DoutputType=tgf", "-DoutputFile="+tgfFile.Name())
 * </pre>
 * The host's Run sends RunArgs, GetRequiredPackages PluginArgs, InstallDependencies BuildArgs (pulumi-java
 * {@code pkg/cmd/pulumi-language-java/main.go}). Runs after {@code package}, so the prebuilt program jar is newer than
 * the sources, as after {@code ./mvnw package}. {@code MAVEN_ARGS=-V} (read by Maven 3.9's launcher) makes every
 * Maven run print its version, even at log level warn: that is how a test tells Maven's answer from the jar's.
 */
class RunProgramIT {

    static final List<String> RUN = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "--no-transfer-progress",
            "compile", "exec:java");
    static final List<String> GET_REQUIRED_PACKAGES = List.of("-Dorg.slf4j.simpleLogger.logFile=System.err",
            "--no-transfer-progress", "compile", "exec:java",
            "-DmainClass=com.pulumi.bootstrap.internal.Main", "-DmainArgs=packages");
    static final List<String> INSTALL_DEPENDENCIES = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "--no-transfer-progress", "compile");

    private static final String MAVEN_BANNER = "Apache Maven";

    @Test
    void runStartsThePrebuiltProgramWhichRegistersItsResourcesWithoutMaven() throws Exception {
        // given: the jar `package` just built, and an engine for the program to talk to
        assertThat(Files.exists(Path.of("target/spotfleet-infra.aot"))).as("the program's AOT cache").isTrue();
        var stackFile = StackFile.read(Path.of("."), "dev");
        try (var engine = EngineStandIn.start()) {
            var env = engine.environment(stackFile.project(), stackFile.stack(), new Gson().toJson(stackFile.config()));

            // when: the host's Run call, until the program has declared its AWS provider
            var started = start(RUN, env);
            var provider = engine.await(r -> r.type().equals("pulumi:providers:aws"), Duration.ofMinutes(2));
            // components register as their constructors run, in no fixed order against the provider: wait for one too
            var network = engine.await(r -> r.type().equals("spotfleet:index:Network"), Duration.ofMinutes(2));
            var run = stop(started);

            // then: the stack first, then the program's own resources (in whatever order their inputs resolve), from the jar
            assertThat(provider).as("the program's AWS provider; the program's output:%n%s", run.output()).isPresent();
            assertThat(provider.orElseThrow().name()).isEqualTo("aws");
            assertThat(engine.registrations().getFirst().type()).isEqualTo("pulumi:pulumi:Stack");
            assertThat(network).as("the program's network component; the program's output:%n%s", run.output()).isPresent();
            assertThat(run.output()).doesNotContain(MAVEN_BANNER).doesNotContain("[INFO]");
        }
    }

    @Test
    void getRequiredPackagesListsThePluginsFromThePrebuiltProgram() throws Exception {
        // given / when
        var run = runProgram(GET_REQUIRED_PACKAGES, Map.of());

        // then: the SDK's plugin list on stdout, and no Maven in sight
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("{\"resource\":true,\"name\":\"aws\",\"version\":\"6.83.0\"}")
                .contains("{\"resource\":true,\"name\":\"docker\",\"version\":\"4.5.1\"}");
        assertThat(run.out() + run.err()).doesNotContain(MAVEN_BANNER).doesNotContain("[INFO]");
    }

    @Test
    void installDependenciesIsMavensWork() throws Exception {
        // given / when: resolving and compiling is what the call asks for; a jar cannot answer it
        var run = runProgram(INSTALL_DEPENDENCIES, Map.of());

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(MAVEN_BANNER);
    }

    @Test
    void getProgramDependenciesIsAnsweredByMavensDependencyTree() throws Exception {
        // given
        var tgf = Files.createTempFile("maven-dependencies", ".tgf");
        try {
            // when: the host's GetProgramDependencies call, with its TGF output file
            var run = runProgram(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "--no-transfer-progress",
                    "dependency:tree", "-DoutputType=tgf", "-DoutputFile=" + tgf), Map.of());

            // then: Maven wrote the graph the host parses (node lines, then #)
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains(MAVEN_BANNER);
            assertThat(Files.readString(tgf)).contains("com.pulumi:aws:jar:6.83.0").contains("\n#\n");
        } finally {
            Files.delete(tgf);
        }
    }

    @Test
    void aCallItDoesNotKnowGoesToMavenUnchanged() throws Exception {
        // given / when
        var run = runProgram(List.of("--version"), Map.of());

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(MAVEN_BANNER);
    }

    private record Run(int exitCode, String out, String err) {
        String output() {
            return out + err;
        }
    }

    private record Started(Process process, Path out, Path err) {
    }

    private static Started start(List<String> arguments, Map<String, String> env) throws IOException {
        var command = new ArrayList<>(List.of("./run-program"));
        command.addAll(arguments);
        var out = Files.createTempFile("run-program", ".out");
        var err = Files.createTempFile("run-program", ".err");
        var builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("MAVEN_ARGS", "-V");
        builder.environment().putAll(env);
        return new Started(builder.start(), out, err);
    }

    /** Stops the program if it still runs, and reads what it wrote. */
    private static Run stop(Started started) throws IOException, InterruptedException {
        try {
            started.process().descendants().forEach(ProcessHandle::destroyForcibly);
            started.process().destroyForcibly();
            var exit = started.process().waitFor();
            return new Run(exit, Files.readString(started.out(), StandardCharsets.UTF_8),
                    Files.readString(started.err(), StandardCharsets.UTF_8));
        } finally {
            Files.delete(started.out());
            Files.delete(started.err());
        }
    }

    private static Run runProgram(List<String> arguments, Map<String, String> env) throws IOException, InterruptedException {
        var started = start(arguments, env);
        if (!started.process().waitFor(3, TimeUnit.MINUTES)) {
            stop(started);
            throw new AssertionError("./run-program " + arguments + " still running after 3 minutes");
        }
        return stop(started);
    }
}
