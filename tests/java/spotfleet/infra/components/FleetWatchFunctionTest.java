package spotfleet.infra.components;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet watch function's own tests (tests/python), run with the machine's python3 as part of the build: they need
 * botocore (Debian's python3-botocore, which .ci/run installs), and any failing, erring or skipped Python test fails
 * this one.
 */
class FleetWatchFunctionTest {

    static final Path TESTS = Path.of("tests/python");
    static final Pattern TEST_METHOD = Pattern.compile("(?m)^    def (test_\\w+)\\(");
    static final Pattern RAN = Pattern.compile("(?m)^Ran (\\d+) tests? in ");

    /**
     * Debian's python3, whose python3-botocore is the 1.29 model set the issue names, even where another python3
     * (pyenv, a virtualenv) with a newer pip botocore comes first on the PATH.
     */
    static String debianPython() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    @Test
    void itsPythonTestsPass() throws IOException, InterruptedException {
        // given the function's directory on the module path, and no bytecode files written into the sources
        var unittest = new ProcessBuilder(debianPython(), "-B", "-m", "unittest", "discover", "-s", "tests/python", "-v")
                .redirectErrorStream(true);
        unittest.environment().put("PYTHONPATH", "src/main/resources/spotfleet/infra/functions");
        // when
        Process process;
        try {
            process = unittest.start();
        } catch (IOException e) {
            throw new AssertionError("python3 is needed to test the fleet watch function: sudo apt-get install -y python3", e);
        }
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // then: every test of the file ran (none lost to a typo in a class or a name), and passed
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("\nOK").doesNotContain("skipped");
        var ran = RAN.matcher(output);
        assertThat(ran.find()).as(output).isTrue();
        assertThat(Integer.parseInt(ran.group(1))).as(output).isEqualTo(testMethods());
    }

    /** The test methods the test_*.py files of {@link #TESTS} define, as unittest discovers them. */
    private static long testMethods() throws IOException {
        try (var files = Files.list(TESTS)) {
            long count = 0;
            for (var file : files.filter(f -> f.getFileName().toString().matches("test_.*\\.py")).toList()) {
                count += TEST_METHOD.matcher(Files.readString(file)).results().count();
            }
            return count;
        }
    }
}
