package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void eachStackIsDeployedOnARunnerOfItsOwnArchitectureWithoutEmulation() throws IOException {
        // given the reusable stack workflow
        var jobs = jobs("pulumi-stack.yml");
        var pulumi = map(jobs.get("pulumi"));
        var uses = new ArrayList<String>();
        for (var workflow : WorkflowLintTest.workflows()) {
            collectUses(load(workflow), uses);
        }
        // when / then: the pulumi job runs where the runner job says, and nothing emulates another CPU
        assertThat(pulumi.get("needs")).isEqualTo("runner");
        assertThat(pulumi.get("runs-on")).isEqualTo("${{ needs.runner.outputs.runs-on }}");
        assertThat(map(map(jobs.get("runner")).get("outputs"))).containsEntry("runs-on", "${{ steps.architecture.outputs.runs-on }}");
        assertThat(uses).noneMatch(use -> use.startsWith("docker/setup-qemu-action"));
    }

    @Test
    void theRunnerFollowsTheArchitectureInTheStacksPlan(@TempDir Path workspace) throws Exception {
        // given the runner job's script, and the real JSON plans of the committed stacks behind a stand-in ./plan
        var script = architectureScript();
        // when / then: dev (x86 instance types) on x86, prod (Graviton) on arm64
        assertThat(runnerFor(workspace, script, "dev", PlanCommandTest.run("dev", "--json").out()))
                .isEqualTo(new Runner(0, "runs-on=ubuntu-24.04\n"));
        assertThat(runnerFor(workspace, script, "prod", PlanCommandTest.run("prod", "--json").out()))
                .isEqualTo(new Runner(0, "runs-on=ubuntu-24.04-arm\n"));
    }

    @Test
    void aPlanThatBuildsNoImageChoosesNoRunner(@TempDir Path workspace) throws Exception {
        // given a plan without an image (an invalid stack's plan has no resources)
        var script = architectureScript();
        // when
        var runner = runnerFor(workspace, script, "broken", "{\"valid\": false, \"resources\": []}");
        // then: the job fails instead of guessing
        assertThat(runner.exitCode()).isNotZero();
        assertThat(runner.output()).isEmpty();
    }

    @Test
    void everyPulumiRunUsesOnePinnedCliRelease() throws IOException {
        // given every pulumi/actions step of every workflow
        var versions = new ArrayList<Object>();
        for (var workflow : WorkflowLintTest.workflows()) {
            collectSteps(load(workflow), step -> {
                if (String.valueOf(step.get("uses")).startsWith("pulumi/actions@")) {
                    versions.add(map(step.get("with")).get("pulumi-version"));
                }
            });
        }
        // when / then: a released version (x.y.z), never "latest" or a range
        assertThat(versions).isNotEmpty().allSatisfy(version -> assertThat(String.valueOf(version)).matches("\\d+\\.\\d+\\.\\d+"));
        assertThat(versions.stream().distinct()).hasSize(1);
    }

    private record Runner(int exitCode, String output) {
    }

    private static String architectureScript() throws IOException {
        var steps = (List<?>) map(jobs("pulumi-stack.yml").get("runner")).get("steps");
        return steps.stream().map(WorkflowPolicyTest::map).filter(step -> "architecture".equals(step.get("id")))
                .map(step -> String.valueOf(step.get("run"))).findFirst().orElseThrow();
    }

    /** Runs {@code script} as GitHub runs a step's script, with ./plan answering {@code planJson}. */
    private static Runner runnerFor(Path workspace, String script, String stack, String planJson) throws Exception {
        var plan = workspace.resolve("plan");
        Files.writeString(workspace.resolve("plan.json"), planJson);
        Files.writeString(plan, "#!/bin/sh\ncat \"$(dirname \"$0\")/plan.json\"\n");
        plan.toFile().setExecutable(true);
        var output = workspace.resolve("github-output");
        Files.writeString(output, "");
        var process = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
                .directory(workspace.toFile())
                .redirectErrorStream(true);
        process.environment().put("STACK", stack);
        process.environment().put("GITHUB_OUTPUT", output.toString());
        var started = process.start();
        started.getInputStream().readAllBytes();
        return new Runner(started.waitFor(), Files.readString(output));
    }

    @SuppressWarnings("unchecked")
    private static void collectSteps(Object node, java.util.function.Consumer<Map<String, Object>> steps) {
        if (node instanceof Map<?, ?> map) {
            if (map.containsKey("uses") && map.get("uses") instanceof String) {
                steps.accept((Map<String, Object>) map);
            }
            map.values().forEach(value -> collectSteps(value, steps));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectSteps(item, steps));
        }
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
