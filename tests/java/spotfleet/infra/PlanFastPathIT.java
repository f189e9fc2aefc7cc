package spotfleet.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./plan} starts the prebuilt program jar while it is newer than every source, and rebuilds it first when
 * anything the jar is made from changed: an edited source is always in the next plan. Runs on a copy of the project
 * holding what {@code package} just built (modification times kept), so the build it triggers touches nothing here.
 * {@code MAVEN_ARGS=-V} (read by Maven 3.9's launcher) makes a Maven run print its version even with {@code -q}: that
 * is how the test tells a build from none.
 */
class PlanFastPathIT {

    private static final String MAVEN_BANNER = "Apache Maven";
    private static final String BUILDING = "plan: building the program first";
    private static final Path PLAN_TEXT = Path.of("src/plan/java/spotfleet/infra/plan/PlanText.java");

    @TempDir
    Path project;

    @Test
    void anEditedSourceIsInTheNextPlanAndOnlyThatPlanBuilds() throws Exception {
        // given: the project as `package` left it
        copyProject(project);
        var before = plan();
        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(before.err()).doesNotContain(BUILDING).doesNotContain(MAVEN_BANNER);
        assertThat(before.out()).startsWith("Offline plan of stack dev ");

        // when: one source changes
        var source = project.resolve(PLAN_TEXT);
        var text = Files.readString(source);
        assertThat(text).contains("\"Offline plan of stack %s");
        Files.writeString(source, text.replace("\"Offline plan of stack %s", "\"Edited offline plan of stack %s"));
        var edited = plan();

        // then: this plan rebuilt the jar, said why once, and shows the edit; the next one starts the new jar at once
        assertThat(edited.exitCode()).as(edited.err()).isZero();
        assertThat(edited.err()).contains(BUILDING + " (" + PLAN_TEXT + " changed since target/spotfleet-infra-")
                .contains(MAVEN_BANNER);
        assertThat(edited.err().split(BUILDING, -1)).hasSize(2);
        assertThat(edited.out()).startsWith("Edited offline plan of stack dev ")
                .isEqualTo("Edited " + before.out().substring(0, 1).toLowerCase() + before.out().substring(1));
        var next = plan();
        assertThat(next.err()).doesNotContain(BUILDING).doesNotContain(MAVEN_BANNER);
        assertThat(next.out()).isEqualTo(edited.out());

        // (pom.xml counts the same way: ./plan lists it with the sources; not rebuilt here, to keep CI's time)
    }

    @Test
    void aFreshCloneBuildsOnFirstUse() throws Exception {
        // given: the sources without target/
        copyProject(project);
        deleteTree(project.resolve("target"));

        // when
        var run = plan();

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains(BUILDING + " (there is no target/spotfleet-infra-*-program.jar yet)");
        assertThat(run.out()).startsWith("Offline plan of stack dev ");
        assertThat(project.resolve("target/spotfleet-infra.aot")).as("the AOT cache the next plan starts with").exists();
    }

    private FakeJdks.Run plan() throws IOException, InterruptedException {
        return FakeJdks.run(project, Duration.ofMinutes(5), List.of("./plan", "dev"), Map.of(
                "PATH", System.getenv("PATH"), "JAVA_HOME", System.getProperty("java.home"), "MAVEN_ARGS", "-V"));
    }

    /** What ./plan needs to build and run, and what `package` built, with their modification times. */
    private static void copyProject(Path to) throws IOException {
        for (var name : List.of("pom.xml", "mvnw", "plan", "Pulumi.yaml", "Pulumi.dev.yaml", ".mvn", "src/main", "src/plan",
                "target/classes", "target/generated-sources", "target/maven-status", "target/maven-archiver",
                "target/program-libs", "target/plan-libs", "target/spotfleet-infra.aot")) {
            copyTree(Path.of(name), to.resolve(name));
        }
        try (var jars = Files.newDirectoryStream(Path.of("target"), "spotfleet-infra-*.jar")) {
            for (var jar : jars) {
                copyTree(jar, to.resolve(jar.toString()));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                // a directory's time counts too (./plan's check lists directories): a new or deleted file is a change
                Files.setLastModifiedTime(to.resolve(from.relativize(dir).toString()), Files.getLastModifiedTime(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                var target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (var path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
