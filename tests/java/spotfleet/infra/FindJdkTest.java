package spotfleet.infra;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** .mvn/find-jdk: the JDK 21+ that ./mvnw, ./plan, ./run-program and .ci/run run on, or the exact advice when there is none. */
class FindJdkTest {

    @TempDir
    Path dir;
    private Path old;
    private Path places;

    @BeforeEach
    void givenAnOldDefaultJava() throws IOException {
        old = FakeJdks.install(dir.resolve("jdk-17"), "17.0.15", true, true);
        places = Files.createDirectories(dir.resolve("jvm"));
    }

    @Test
    void aJavaHomeOf21OrLaterIsKeptSilently() throws Exception {
        // given
        var jdk21 = FakeJdks.install(places.resolve("jdk-21"), "21.0.5", true, true);
        FakeJdks.install(places.resolve("jdk-25"), "25.0.1", true, true);
        // when
        var run = findJdk(Map.of("JAVA_HOME", jdk21.toString()), old);
        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo(jdk21.toString());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anOldJavaHomeGivesWayToTheNewestJdkInTheUsualPlacesAndSaysSo() throws Exception {
        // given: a JDK 21, a JDK 25, and a newer JRE (no javac: Maven cannot compile with it)
        FakeJdks.install(places.resolve("jdk-21"), "21.0.5", true, true);
        var jdk25 = FakeJdks.install(places.resolve("jdk-25"), "25.0.1", true, true);
        FakeJdks.install(places.resolve("jre-26"), "26", false, true);
        // when
        var run = findJdk(Map.of("JAVA_HOME", old.toString()), old);
        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo(jdk25.toString());
        assertThat(run.err()).contains("JAVA_HOME is Java 17 (" + old + ")").contains("using Java 25 at " + jdk25);
    }

    @Test
    void withoutJavaHomeAJdk21OnThePathIsUsed() throws Exception {
        // given
        var onPath = FakeJdks.install(dir.resolve("path-jdk"), "21.0.5", true, true);
        FakeJdks.install(places.resolve("jdk-25"), "25.0.1", true, true);
        // when
        var run = findJdk(Map.of(), onPath);
        // then
        assertThat(run.out().strip()).isEqualTo(onPath.toRealPath().toString());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aJdkWithoutAReleaseFileIsAskedForItsVersion() throws Exception {
        // given
        var jdk22 = FakeJdks.install(places.resolve("jdk-22"), "22.0.1", true, false);
        FakeJdks.install(places.resolve("jdk-8"), "1.8.0_452", true, false);
        // when
        var run = findJdk(Map.of(), old);
        // then
        assertThat(run.out().strip()).isEqualTo(jdk22.toString());
        assertThat(run.err()).contains("java on the PATH is Java 17");
    }

    @Test
    void withNoJdk21AnywhereItSaysExactlyWhatToInstallAndSet() throws Exception {
        // given: only Java 8 and a Java 17 JRE besides the old default
        FakeJdks.install(places.resolve("jdk-8"), "1.8.0_452", true, true);
        FakeJdks.install(places.resolve("jre-17"), "17.0.15", false, true);
        // when
        var run = findJdk(Map.of("JAVA_HOME", old.toString()), old);
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("spotfleet needs a JDK 21 or later")
                .contains("JAVA_HOME is Java 17 (" + old + "), java on the PATH is Java 17")
                .contains("no JDK 21+ in " + places + "/*")
                .contains("sdk install java 25-tem")
                .contains("export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64");
    }

    @Test
    void aJavaHomeThatIsNotAJdkIsNamedAsSuch() throws Exception {
        // given
        var jre = FakeJdks.install(dir.resolve("jre-25"), "25.0.1", false, true);
        var jdk21 = FakeJdks.install(places.resolve("jdk-21"), "21.0.5", true, true);
        // when
        var run = findJdk(Map.of("JAVA_HOME", jre.toString()), old);
        // then
        assertThat(run.out().strip()).isEqualTo(jdk21.toString());
        assertThat(run.err()).contains("JAVA_HOME (" + jre + ") is not a JDK");
    }

    /** Runs .mvn/find-jdk with {@code javaOnPath}'s bin first on the PATH and the fake places as the only ones searched. */
    private FakeJdks.Run findJdk(Map<String, String> environment, Path javaOnPath) throws Exception {
        var env = new HashMap<>(environment);
        env.put("PATH", javaOnPath.resolve("bin") + ":/usr/bin:/bin");
        env.put("SPOTFLEET_JDK_PLACES", places + "/*");
        return FakeJdks.run(List.of("sh", ".mvn/find-jdk"), env);
    }
}
