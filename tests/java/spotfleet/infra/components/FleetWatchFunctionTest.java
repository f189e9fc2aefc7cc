package spotfleet.infra.components;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The fleet watch function's own tests (tests/python), run with the machine's python3 as part of the build. */
class FleetWatchFunctionTest {

    @Test
    void itsPythonTestsPass() throws IOException, InterruptedException {
        // given the function's directory on the module path, and no bytecode files written into the sources
        var unittest = new ProcessBuilder("python3", "-B", "-m", "unittest", "discover", "-s", "tests/python", "-v")
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
        // then
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("OK").doesNotContain("skipped");
    }
}
