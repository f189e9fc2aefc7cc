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
        // when / then: dev (Graviton) builds on arm64; prod promotes dev's image, builds nothing, needs no arm64 runner
        assertThat(runnerFor(workspace, script, "dev", PlanCommandTest.run("dev", "--json").out())).isEqualTo(new Runner(0, """
                runs-on=ubuntu-24.04-arm
                project=spotfleet
                image=build
                image-source=build
                promotion-targets=prod
                """));
        assertThat(runnerFor(workspace, script, "prod", PlanCommandTest.run("prod", "--json").out())).isEqualTo(new Runner(0, """
                runs-on=ubuntu-24.04
                project=spotfleet
                image=promote:dev
                image-source=promote
                promotion-targets=
                """));
    }

    @Test
    void anX86StackBuildsOnAnX86RunnerAndAPrebuiltImageOnAny(@TempDir Path workspace) throws Exception {
        // given plans of the two other shapes
        var script = architectureScript();
        var x86 = """
                {"project": "spotfleet", "image": {"source": "build"},
                 "config": [{"key": "spotfleet:image", "value": "build"}, {"key": "spotfleet:promotionTargets", "value": ["qa", "111122223333/prod"]}],
                 "resources": [{"type": "docker:index/image:Image", "inputs": {"build": {"platform": "linux/amd64"}}}]}""";
        var prebuilt = """
                {"project": "spotfleet", "image": {"source": "prebuilt"},
                 "config": [{"key": "spotfleet:image", "value": "ghcr.io/a/b@sha256:00"}, {"key": "spotfleet:promotionTargets", "value": []}],
                 "resources": []}""";
        // when / then
        assertThat(runnerFor(workspace, script, "qa", x86).output()).startsWith("runs-on=ubuntu-24.04\n")
                .contains("promotion-targets=qa 111122223333/prod\n");
        assertThat(runnerFor(workspace, script, "shop", prebuilt).output()).startsWith("runs-on=ubuntu-24.04\n")
                .contains("image=ghcr.io/a/b@sha256:00\n");
    }

    @Test
    void aPlanThatSaysItBuildsButHasNoImageChoosesNoRunner(@TempDir Path workspace) throws Exception {
        // given a plan whose image source and resources disagree
        var script = architectureScript();
        // when
        var runner = runnerFor(workspace, script, "odd", "{\"project\": \"spotfleet\", \"image\": {\"source\": \"build\"}, \"config\": [], \"resources\": []}");
        // then
        assertThat(runner.exitCode()).isNotZero();
        assertThat(runner.output()).isEmpty();
    }

    @Test
    void deploysKeepThePromotedImagesAndEveryRunSaysWhichImageTheStackRuns() throws IOException {
        // given the reusable stack workflow's pulumi job
        var steps = ((List<?>) map(jobs("pulumi-stack.yml").get("pulumi")).get("steps")).stream().map(WorkflowPolicyTest::map).toList();
        var names = steps.stream().map(step -> String.valueOf(step.get("name"))).toList();
        // when
        var keep = steps.get(names.indexOf("Keep the images the promotion targets run"));
        var summary = steps.get(names.indexOf("Say which image the stack runs"));
        // then: after pulumi (which installs the CLI), keeping only on up, both with the runner's view of the plan
        var pulumi = steps.stream().filter(step -> String.valueOf(step.get("uses")).startsWith("pulumi/actions@")).findFirst().orElseThrow();
        assertThat(steps.indexOf(keep)).isGreaterThan(steps.indexOf(pulumi));
        assertThat(steps.indexOf(summary)).isGreaterThan(steps.indexOf(pulumi));
        assertThat(String.valueOf(keep.get("if"))).contains("inputs.command == 'up'", "needs.runner.outputs.promotion-targets");
        assertThat(keep.get("run")).isEqualTo(".github/scripts/keep-promoted-images");
        assertThat(map(keep.get("env"))).containsEntry("TARGETS", "${{ needs.runner.outputs.promotion-targets }}");
        assertThat(summary.get("run")).isEqualTo(".github/scripts/image-summary");
        assertThat(map(summary.get("env"))).containsEntry("IMAGE_SOURCE", "${{ needs.runner.outputs.image-source }}")
                .containsEntry("COMMAND", "${{ inputs.command }}");
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

    record Runner(int exitCode, String output) {
    }

    static String architectureScript() throws IOException {
        var steps = (List<?>) map(jobs("pulumi-stack.yml").get("runner")).get("steps");
        return steps.stream().map(WorkflowPolicyTest::map).filter(step -> "architecture".equals(step.get("id")))
                .map(step -> String.valueOf(step.get("run"))).findFirst().orElseThrow();
    }

    /** Runs {@code script} as GitHub runs a step's script, with ./plan answering {@code planJson}. */
    static Runner runnerFor(Path workspace, String script, String stack, String planJson) throws Exception {
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
