package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the linter cannot know: the project's own rules for its workflows, as docs/ci-cd.md states them. */
class WorkflowPolicyTest {

    @Test
    void everyActionIsPinnedToAReleaseNotABranch() throws IOException {
        // given every `uses:` of every workflow
        var uses = new ArrayList<String>();
        for (var workflow : WorkflowLintTest.workflows()) {
            collectUses(load(workflow), uses);
        }
        // when / then: a local reusable workflow, or owner/repo@vN (a major release tag) or @<40-hex commit>
        assertThat(uses).isNotEmpty().allSatisfy(use ->
                assertThat(use).matches("\\./\\.github/workflows/[a-z-]+\\.yml|[\\w.-]+/[\\w./-]+@(v\\d+|[0-9a-f]{40})"));
    }

    @Test
    void deploysRunOneJobPerStackDevThenProdAndNeverOverlap() throws IOException {
        // given
        var jobs = jobs("deploy.yml");
        // when / then
        for (var stack : List.of("dev", "prod")) {
            var job = map(jobs.get(stack));
            assertThat(job.get("concurrency")).as(stack).isEqualTo(Map.of("group", "deploy-" + stack, "cancel-in-progress", false));
            assertThat(map(job.get("with"))).as(stack).containsEntry("stack", stack).containsEntry("command", "up")
                    .containsEntry("environment", stack);
        }
        assertThat(map(jobs.get("prod")).get("needs")).isEqualTo("dev");
    }

    @Test
    void theForkPullRequestCommenterNeverRunsPullRequestCode() throws IOException {
        // given
        var uses = new ArrayList<String>();
        var workflow = load(WorkflowLintTest.WORKFLOWS.resolve("preview-comment.yml"));
        // when
        collectUses(workflow, uses);
        // then: it reads the plan artifact only; no checkout, no build, no top-level token rights
        assertThat(uses).noneMatch(use -> use.startsWith("actions/checkout"));
        assertThat(Files.readString(WorkflowLintTest.WORKFLOWS.resolve("preview-comment.yml"))).doesNotContain("./plan", "mvnw");
        assertThat(workflow.get("permissions")).isEqualTo(Map.of());
    }

    @Test
    void previewsRunPulumiPreviewOnlyWhereSecretsExistAndOneRunPerPullRequest() throws IOException {
        // given
        var workflow = load(WorkflowLintTest.WORKFLOWS.resolve("preview.yml"));
        var preview = map(jobs("preview.yml").get("pulumi-preview"));
        // when / then
        assertThat(String.valueOf(preview.get("if"))).contains("github.event.pull_request.head.repo.full_name == github.repository");
        assertThat(map(preview.get("with"))).containsEntry("command", "preview");
        assertThat(map(workflow.get("concurrency"))).containsEntry("cancel-in-progress", true);
        assertThat(workflow.get("permissions")).isEqualTo(Map.of("contents", "read"));
    }

    private static Map<String, Object> jobs(String workflow) throws IOException {
        return map(load(WorkflowLintTest.WORKFLOWS.resolve(workflow)).get("jobs"));
    }

    private static Map<String, Object> load(Path workflow) throws IOException {
        return map(new Yaml().load(Files.readString(workflow)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    private static void collectUses(Object node, List<String> uses) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("uses".equals(key)) {
                    uses.add(String.valueOf(value));
                } else {
                    collectUses(value, uses);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectUses(item, uses));
        }
    }
}
