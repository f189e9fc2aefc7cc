package spotfleet.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's first {@code ./plan} on a machine whose default Java is too old, as on the build machine (Java 17):
 * the script finds a JDK 21+ on its own and runs, or says exactly what to install and set.
 */
class NewcomerFirstRunIT {

    @TempDir
    Path dir;

    @Test
    void planFindsAJdk21OrLaterWhenTheDefaultJavaIsOlder() throws Exception {
        // given: Java 17 as JAVA_HOME and first on the PATH, and this build's own JDK among the usual places
        var old = FakeJdks.install(dir.resolve("jdk-17"), "17.0.15", true, true);
        var places = Files.createDirectories(dir.resolve("jvm"));
        var real = Files.createSymbolicLink(places.resolve("this-build"), Path.of(System.getProperty("java.home")));

        // when
        var run = plan(old, places + "/*");

        // then: the program ran (and answered that there is no such stack), on the JDK it found
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("plan: Pulumi.no-such-stack.yaml not found").contains("(stacks there: ").contains("dev");
        assertThat(run.err()).contains("JAVA_HOME is Java 17 (" + old + ")").contains("at " + real);
    }

    @Test
    void planSaysExactlyWhatToSetWhenThereIsNoJdk21() throws Exception {
        // given
        var old = FakeJdks.install(dir.resolve("jdk-17"), "17.0.15", true, true);

        // when
        var run = plan(old, dir.resolve("nothing-here") + "/*");

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("spotfleet needs a JDK 21 or later")
                .contains("export JAVA_HOME=").doesNotContain("not found");
    }

    /** {@code ./plan} of a stack that is not there: the cheapest run that needs the program (--help needs no JDK). */
    private static FakeJdks.Run plan(Path oldJdk, String places) throws Exception {
        return FakeJdks.run(List.of("./plan", "no-such-stack"), Map.of(
                "JAVA_HOME", oldJdk.toString(),
                "PATH", oldJdk.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin",
                "SPOTFLEET_JDK_PLACES", places));
    }
}
