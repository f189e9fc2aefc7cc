package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * preview-comment.yml's script (.github/scripts/preview-comment.js) against crafted fork artifacts: the Node tests in
 * tests/js (node:test, a fake `github`, `context` and `core`) run here, so a failing case fails {@code ./mvnw verify}.
 */
class PreviewCommentScriptTest {

    static final Path SCRIPT = Path.of(".github/scripts/preview-comment.js");
    static final Path TESTS = Path.of("tests/js/preview-comment.test.js");

    @Test
    void everyCraftedArtifactCaseOfTheNodeTestsPasses() throws Exception {
        // given the script and its tests
        assertThat(SCRIPT).exists();
        assertThat(TESTS).exists();
        // when node runs them (TAP output)
        var process = new ProcessBuilder("node", "--test", "--test-reporter=tap", TESTS.toString()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var exitCode = process.waitFor();
        // then all pass, and they are the cases the script's contract names
        assertThat(exitCode).as(output).isZero();
        assertThat(count("fail", output)).as(output).isZero();
        assertThat(count("pass", output)).as(output).isGreaterThanOrEqualTo(23);
        assertThat(output).contains("headings, links, mentions and HTML in a plan stay inside its fence",
                "backtick runs in a plan cannot close its fence", "a crafted status is reported as unreadable, never quoted",
                "a missing status file says so", "plan files whose names are not stack names are left out",
                "a symlink in the artifact is never followed", "a huge plan is cut to fit one comment",
                "the bot's own earlier comment is updated; look-alikes by others are not",
                "plans made of backtick runs cannot push the comment over GitHub's limit",
                "bidirectional control characters in a plan are replaced");
    }

    private static int count(String kind, String tap) {
        var matcher = Pattern.compile("^# " + kind + " (\\d+)$", Pattern.MULTILINE).matcher(tap);
        assertThat(matcher.find()).as("TAP summary line '# %s N'", kind).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
