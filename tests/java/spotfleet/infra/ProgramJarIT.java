package spotfleet.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code pulumi up} loads is the program and its libraries, never the plan tool: the program jar holds no
 * {@code plan} or {@code offline} class, the plan jar holds exactly those, and a program run with the AOT cache loads
 * none of them from the cache either (JEP 483 loads every class the training run's class path defined at start; the
 * training loads the tool through its own loader, AotTraining, so its classes are not among them). Runs after
 * {@code package}.
 */
class ProgramJarIT {

    private static final List<String> TOOL_PACKAGES = List.of("spotfleet/infra/plan/", "spotfleet/infra/offline/");

    @Test
    void theProgramJarHoldsTheProgramAndThePlanJarTheTool() throws IOException {
        // given the two jars `package` built
        var program = entries(jar("program"));
        var tool = entries(jar("plan"));

        // then: each has its own classes, no class is in both
        assertThat(program).as("program jar").contains("spotfleet/infra/Main.class", "spotfleet/infra/SpotfleetStack.class")
                .noneMatch(ProgramJarIT::isTool);
        assertThat(tool).as("plan jar").contains("spotfleet/infra/plan/PlanCommand.class",
                        "spotfleet/infra/offline/OfflineMocks.class", "spotfleet/infra/plan/prices.json")
                .filteredOn(entry -> entry.endsWith(".class")).allMatch(ProgramJarIT::isTool);
    }

    @Test
    void theToolsOwnLibrariesAreNotThePrograms() throws IOException {
        // given the program's libraries (its jar's manifest class path) and the plan tool's
        var program = fileNames(Path.of("target/program-libs"));
        var tool = fileNames(Path.of("target/plan-libs"));

        // then: the SDK client the tool reads Spot prices with, its HTTP client and the SLF4J binding that silences
        // the SDK are the tool's alone
        assertThat(tool).anyMatch(name -> name.startsWith("ec2-")).anyMatch(name -> name.startsWith("url-connection-client-"))
                .anyMatch(name -> name.startsWith("slf4j-nop-"));
        assertThat(program).isNotEmpty().noneMatch(name -> name.startsWith("ec2-") || name.startsWith("url-connection-client-")
                || name.startsWith("slf4j-nop-"));
    }

    @Test
    void noProgramSourceUsesThePlanTool() throws IOException {
        // given every source of the program
        try (var sources = Files.walk(Path.of("src/main/java"))) {
            // then: none imports or names the tool's packages (the build compiles the tool after the program, but an
            // incremental build could still find stale tool classes in target/classes)
            assertThat(sources.filter(path -> path.toString().endsWith(".java")))
                    .allSatisfy(source -> assertThat(Files.readString(source)).as(source.toString())
                            .doesNotContain("spotfleet.infra.plan.", "spotfleet.infra.offline.")
                            .contains("package spotfleet.infra"));
        }
    }

    @Test
    void aProgramRunLoadsNoToolClassFromTheAotCache() throws Exception {
        // given the cache `package` trained (JDK 25 builds it; CI runs one), and the program jar alone, as ./run-program
        var cache = Path.of("target/spotfleet-infra.aot");
        assertThat(cache).as("the AOT cache `package` trains on JDK 25+").exists();
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        // when the program starts with it (no engine: it stops at the missing PULUMI_MONITOR, after the cache's
        // classes are loaded, which happens at start)
        var process = new ProcessBuilder(java, "-XX:AOTMode=on", "-XX:AOTCache=" + cache, "-Xlog:class+load=info",
                "-cp", jar("program").toString(), "spotfleet.infra.Main").redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        // then: the program's classes come from the cache, the tool's are not loaded at all
        assertThat(output).contains("spotfleet.infra.config.StackConfig source: shared objects file")
                .contains("PULUMI_MONITOR")
                .doesNotContain("spotfleet.infra.plan.", "spotfleet.infra.offline.");
    }

    private static boolean isTool(String entry) {
        return TOOL_PACKAGES.stream().anyMatch(entry::startsWith);
    }

    private static Path jar(String classifier) throws IOException {
        try (var jars = Files.newDirectoryStream(Path.of("target"), "spotfleet-infra-*-" + classifier + ".jar")) {
            var found = Stream.of(jars).flatMap(d -> java.util.stream.StreamSupport.stream(d.spliterator(), false)).toList();
            assertThat(found).as("target/spotfleet-infra-*-%s.jar", classifier).hasSize(1);
            return found.get(0);
        }
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        try (var file = new JarFile(jar.toFile())) {
            return file.stream().map(java.util.jar.JarEntry::getName).toList();
        }
    }
}
