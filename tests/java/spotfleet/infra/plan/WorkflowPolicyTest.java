package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.plan.Workflows.STACK_WORKFLOW;
import static spotfleet.infra.plan.Workflows.jobs;
import static spotfleet.infra.plan.Workflows.map;
import static spotfleet.infra.plan.Workflows.steps;

/**
 * What the linter cannot know: the project's own rules for its workflows (docs/ci-cd.md, docs/deploy-credentials.md,
 * docs/pinned-dependencies.md).
 */
class WorkflowPolicyTest {

    /** A `uses:` line: a local workflow, or owner/repo[/path]@<commit> followed by its release as a comment. */
    static final Pattern USES_LINE = Pattern.compile("^\\s*(?:-\\s+)?uses:\\s*(\\S+)(.*)$");
    static final Pattern PINNED = Pattern.compile("([\\w.-]+/[\\w.-]+(?:/[\\w./-]+)?)@([0-9a-f]{40})");
    static final Pattern RELEASE_COMMENT = Pattern.compile("\\s+# (v\\d+\\.\\d+\\.\\d+)");
    static final Pattern IMAGE_BY_DIGEST = Pattern.compile("[\\w./-]+(:[\\w.-]+)?@sha256:[0-9a-f]{64}");
    static final Path PINS = Path.of("docs/pinned-dependencies.md");
    /** The runner labels this project uses: GitHub-hosted x86 and arm64 (docs/ci-cd.md). */
    static final Set<String> RUNNERS = Set.of("ubuntu-24.04", "ubuntu-24.04-arm");
    /** {@code ${{ inputs.command == 'X' && 'Y' || '' }}}: Y when the stack workflow runs command X, else nothing. */
    static final Pattern ONLY_FOR_COMMAND = Pattern.compile("\\$\\{\\{\\s*inputs\\.command\\s*==\\s*'([\\w-]+)'\\s*&&\\s*'([\\w-]+)'\\s*\\|\\|\\s*''\\s*}}");
    /** {@code ${{ needs.runner.outputs.runs-on == 'A' && 'A' || 'B' }}}: A or B, whatever the output says. */
    static final Pattern RUNNER_CHOICE = Pattern.compile("\\$\\{\\{\\s*needs\\.runner\\.outputs\\.runs-on\\s*==\\s*'([\\w.-]+)'\\s*&&\\s*'([\\w.-]+)'\\s*\\|\\|\\s*'([\\w.-]+)'\\s*}}");

    /**
     * What each action a job runs restores from GitHub's cache, given its {@code with:} inputs (the actions' own code at
     * the pinned commits): setup-java restores and saves only when {@code cache} is set (actions/setup-java
     * src/setup-java.ts, "if (cache && isCacheFeatureAvailable())", and src/cleanup-java.ts); pulumi/actions installs the
     * CLI with @actions/tool-cache, the runner's own directory, and has no @actions/cache dependency (its package.json);
     * actions/upload-artifact only uploads (its package.json at the pinned commit: @actions/artifact, core, github, glob,
     * io, minimatch; no @actions/cache); the others cache nothing. An action not listed fails the cache test until
     * someone reads its code.
     */
    static final Map<String, String> CACHE_INPUT = Map.of("actions/setup-java", "cache", "actions/checkout", "",
            "aws-actions/configure-aws-credentials", "", "pulumi/auth-actions", "", "pulumi/actions", "",
            "actions/upload-artifact", "");

    /**
     * The permissions each action or step uses, with why. A job must declare exactly the union of its steps' (a job
     * calling a workflow: the union of that workflow's jobs'); an action not listed fails until someone says what it
     * needs.
     */
    static final Map<String, Map<String, String>> PERMISSIONS_USED = Map.of(
            // clones the repository with the job's token
            "actions/checkout", Map.of("contents", "read"),
            // the job's OIDC token, exchanged for AWS credentials / a Pulumi team token
            "aws-actions/configure-aws-credentials", Map.of("id-token", "write"),
            "pulumi/auth-actions", Map.of("id-token", "write"),
            // with comment-on-pr off, it uses no GitHub API (pulumi/actions src/main.ts: handlePullRequestMessage only then)
            "pulumi/actions", Map.of(),
            "actions/setup-java", Map.of(),
            "actions/setup-node", Map.of(),
            "actions/upload-artifact", Map.of(),
            // another run's artifact (run-id), read through the Actions API
            "actions/download-artifact", Map.of("actions", "read"),
            // preview-comment.js: pulls.get, issues.listComments, createComment, updateComment
            "actions/github-script", Map.of("pull-requests", "write"));

    record Pin(String action, String commit, String version) {
    }

    @Test
    void everyActionIsPinnedToACommitWithItsReleaseInAComment() throws IOException {
        // given every `uses:` line of every workflow, as written (YAML drops the comments)
        var pins = pinsInWorkflows();
        // when / then: each is local or pinned to a commit with a `# vX.Y.Z` comment, and the lines are all the uses
        assertThat(pins).isNotEmpty();
        var local = Workflows.uses().stream().filter(use -> use.startsWith("./")).count();
        assertThat(pins.size() + local).as("every uses: is on a line of its own").isEqualTo(Workflows.uses().size());
    }

    @Test
    void oneActionIsPinnedToOneCommitEverywhere() throws IOException {
        // given
        var commits = new HashMap<String, String>();
        // when / then
        for (var pin : pinsInWorkflows()) {
            var earlier = commits.putIfAbsent(pin.action(), pin.commit() + " " + pin.version());
            assertThat(earlier).as(pin.action()).isIn(null, pin.commit() + " " + pin.version());
        }
    }

    @Test
    void everyPinIsListedWithItsEvidenceAndEveryListedPinIsUsed() throws IOException {
        // given the table in docs/pinned-dependencies.md: | `action` | version | `commit` | evidence |
        var listed = new ArrayList<Pin>();
        var row = Pattern.compile("^\\| `([\\w./:-]+)`[^|]*\\| (v[\\d.]+|[\\w.-]+) \\| `((?:sha256:)?[0-9a-f]{40,64})` \\| (.+) \\|$", Pattern.MULTILINE);
        var matcher = row.matcher(Files.readString(PINS));
        while (matcher.find()) {
            assertThat(matcher.group(4)).as("evidence for %s", matcher.group(1)).hasSizeGreaterThan(40);
            listed.add(new Pin(matcher.group(1), matcher.group(3), matcher.group(2)));
        }
        var used = new ArrayList<>(pinsInWorkflows().stream().distinct().toList());
        for (var image : images()) {
            var at = image.indexOf('@');
            var name = image.substring(0, at);
            used.add(new Pin(name, image.substring(at + 1), name.substring(name.indexOf(':') + 1)));
        }
        // when / then
        assertThat(listed).containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void everyContainerImageIsPinnedByDigest() {
        // given / when
        var images = images();
        // then
        assertThat(images).isNotEmpty().allSatisfy(image -> assertThat(image).matches(IMAGE_BY_DIGEST));
    }

    @Test
    void noWorkflowReadsASecretOrStoresAPulumiToken() throws IOException {
        // given every workflow's text
        for (var workflow : WorkflowLintTest.workflows()) {
            var text = Files.readString(workflow);
            // when / then: credentials come only from OIDC in a bound environment (docs/deploy-credentials.md)
            assertThat(text).as(workflow.toString()).doesNotContain("secrets.", "secrets:", "PULUMI_ACCESS_TOKEN:");
        }
    }

    /**
     * The jobs that may hold cloud credentials, each with the environment it must bind to: the stack workflow's job
     * (its caller names the environment), and the acceptance run's job (the sandbox account's own environment).
     */
    static final Map<String, String> CREDENTIAL_JOBS = Map.of("pulumi-stack.yml pulumi", "${{ inputs.environment }}",
            "acceptance.yml acceptance", "sandbox");

    @Test
    void credentialsAreObtainedOnlyByJobsBoundToAnEnvironment() {
        // given every committed workflow
        var found = new ArrayList<String>();
        // when
        var problems = credentialProblems(Workflows.all(), found);
        // then
        assertThat(problems).isEmpty();
        assertThat(found).hasSize(6);
    }

    @Test
    void theCredentialRuleFailsAJobThatIsNotBoundToItsEnvironmentOrAnotherJobWithAnOidcToken() {
        // given the acceptance job bound to the dev environment, and a copy of it under another job name
        var workflows = new TreeMap<>(Workflows.all());
        var acceptance = new LinkedHashMap<>(workflows.get("acceptance.yml"));
        var job = new LinkedHashMap<>(map(map(acceptance.get("jobs")).get("acceptance")));
        job.put("environment", "dev");
        var copy = new LinkedHashMap<>(job);
        copy.put("environment", "sandbox");
        acceptance.put("jobs", Map.of("acceptance", job, "second", copy));
        workflows.put("acceptance.yml", acceptance);
        // when
        var problems = credentialProblems(workflows, new ArrayList<>());
        // then
        assertThat(problems).contains("acceptance.yml job acceptance runs aws-actions/configure-aws-credentials@"
                        + "e6de054238d6b7531b4efff3b6587d9aade6a06c bound to dev, not sandbox",
                "acceptance.yml job second may not hold credentials", "acceptance.yml job second may not request OIDC tokens");
    }

    /**
     * Everything wrong with who holds credentials in {@code workflows}; each credential step found is added to
     * {@code found}. Only the jobs of {@link #CREDENTIAL_JOBS} may run one, bound to their environment, and only they
     * and the jobs calling the stack workflow may ask for an OIDC token.
     */
    static List<String> credentialProblems(Map<String, Map<String, Object>> workflows, List<String> found) {
        var credentialActions = List.of("aws-actions/configure-aws-credentials@", "pulumi/auth-actions@", "pulumi/actions@");
        var problems = new ArrayList<String>();
        workflows.forEach((file, workflow) -> map(workflow.get("jobs")).forEach((id, node) -> {
            var job = map(node);
            var key = file + " " + id;
            Workflows.collectSteps(job.get("steps"), step -> {
                var use = String.valueOf(step.get("uses"));
                if (credentialActions.stream().anyMatch(use::startsWith)) {
                    found.add(key + " " + use);
                    if (!CREDENTIAL_JOBS.containsKey(key)) {
                        problems.add("%s job %s may not hold credentials".formatted(file, id));
                    } else if (!CREDENTIAL_JOBS.get(key).equals(job.get("environment"))) {
                        problems.add("%s job %s runs %s bound to %s, not %s".formatted(file, id, use, job.get("environment"),
                                CREDENTIAL_JOBS.get(key)));
                    }
                }
            });
            if (map(job.getOrDefault("permissions", Map.of())).containsKey("id-token")
                    && !(STACK_WORKFLOW.equals(job.get("uses")) || CREDENTIAL_JOBS.containsKey(key))) {
                problems.add("%s job %s may not request OIDC tokens".formatted(file, id));
            }
        }));
        return problems.stream().distinct().toList();
    }

    @Test
    void pulumiTokensAreTeamTokensOfTheBoundEnvironment() {
        // given every pulumi/auth-actions step
        var auths = new ArrayList<Map<String, Object>>();
        Workflows.all().values().forEach(workflow -> Workflows.collectSteps(workflow, step -> {
            if (String.valueOf(step.get("uses")).startsWith("pulumi/auth-actions@")) {
                auths.add(step);
            }
        }));
        // when / then: a team's token (its stack permission), never an organization token (always admin)
        assertThat(auths).hasSize(2).allSatisfy(auth -> assertThat(map(auth.get("with")))
                .containsEntry("requested-token-type", "urn:pulumi:token-type:access_token:team")
                .containsEntry("scope", "team:${{ vars.PULUMI_TEAM }}"));
        assertThat(map(step("pulumi-stack.yml", "pulumi", "pulumi/auth-actions@").get("with"))).containsEntry("token-expiration", 3600);
    }

    @Test
    void deploysRunOneJobPerStackDevThenProdAndNeverOverlap() {
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
    void theHeadCheckComesFirstAndOnlyForUp() {
        // given the stack job's steps
        var steps = steps(map(jobs("pulumi-stack.yml").get("pulumi")));
        // when
        var head = steps.get(0);
        var pulumi = steps.indexOf(steps.stream().filter(step -> "pulumi".equals(step.get("id"))).findFirst().orElseThrow());
        // then: it runs before checkout and every credential, for `up` only
        assertThat(head.get("id")).isEqualTo("head");
        assertThat(head.get("if")).isEqualTo("inputs.command == 'up'");
        assertThat(map(head.get("env"))).containsEntry("DEFAULT_BRANCH", "${{ github.event.repository.default_branch }}")
                .containsEntry("GITHUB_TOKEN", "${{ github.token }}");
        assertThat(steps.subList(1, pulumi + 1)).allSatisfy(step -> assertThat(step).containsKey("uses"));
        // scripts after pulumi run only when pulumi ran, which needs the head check to have passed
        assertThat(steps.subList(pulumi + 1, steps.size())).allSatisfy(step ->
                assertThat(String.valueOf(step.get("if"))).contains("steps.pulumi.outcome != 'skipped'"));
    }

    @Test
    void theHeadOfMainIsDeployed(@TempDir Path workspace) throws Exception {
        // given the API answering the run's own commit
        var sha = "a".repeat(40);
        // when
        var run = headCheck(workspace, sha, sha, 0);
        // then
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains(sha + " is the head of main: deploying it to prod");
        assertThat(Files.readString(workspace.resolve("curl-args"))).contains("--fail", "Accept: application/vnd.github.sha",
                "Authorization: Bearer the-token", "https://api.github.test/repos/octo-org/spotfleet/commits/main");
    }

    @Test
    void aRunWhoseCommitIsNoLongerTheHeadOfMainDeploysNothing(@TempDir Path workspace) throws Exception {
        // given a re-run of an old run: main has moved on
        var old = "a".repeat(40);
        var newer = "b".repeat(40);
        // when
        var run = headCheck(workspace, old, newer, 0);
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("::error::not deploying " + old + " to prod: main is now at " + newer);
    }

    @Test
    void anUnreadableHeadDeploysNothing(@TempDir Path workspace) throws Exception {
        // given the API failing, or answering something that is not a commit
        var sha = "a".repeat(40);
        // when / then
        assertThat(headCheck(workspace, sha, "", 22).exitCode()).isNotZero();
        var garbage = headCheck(workspace, sha, "{\"message\": \"Bad credentials\"}", 0);
        assertThat(garbage.exitCode()).isEqualTo(1);
        assertThat(garbage.output()).contains("::error::could not read the head of main");
        assertThat(headCheck(workspace, sha, sha.toUpperCase(), 0).exitCode()).isEqualTo(1);
        assertThat(headCheck(workspace, sha, sha + "\n" + sha, 0).exitCode()).isEqualTo(1);
    }

    @Test
    void theForkPullRequestCommenterRunsOnlyTheDefaultBranchsScript() {
        // given
        var workflow = Workflows.load("preview-comment.yml");
        var steps = steps(map(map(workflow.get("jobs")).get("comment")));
        // when
        var checkouts = steps.stream().filter(step -> String.valueOf(step.get("uses")).startsWith("actions/checkout@")).toList();
        // then: one checkout, of the run's own default-branch commit, scripts only, apart from the artifact, no token kept
        assertThat(checkouts).hasSize(1);
        assertThat(map(checkouts.get(0).get("with"))).isEqualTo(Map.of("ref", "${{ github.sha }}", "path", "trusted",
                "sparse-checkout", ".github/scripts", "persist-credentials", false));
        var download = steps.stream().filter(step -> String.valueOf(step.get("uses")).startsWith("actions/download-artifact@")).findFirst().orElseThrow();
        assertThat(map(download.get("with"))).containsEntry("path", "${{ runner.temp }}/offline-plan");
        var script = steps.stream().filter(step -> String.valueOf(step.get("uses")).startsWith("actions/github-script@")).findFirst().orElseThrow();
        assertThat(String.valueOf(map(script.get("with")).get("script")))
                .contains("require(`${process.env.GITHUB_WORKSPACE}/trusted/.github/scripts/preview-comment.js`)");
        assertThat(workflow.get("permissions")).isEqualTo(Map.of());
        // the fork's branch name only names the concurrency group (forkCommentRunsOfOnePullRequestNeverOverlap)
        assertThat(workflow.get("jobs").toString()).doesNotContain("./plan", "mvnw", "workflow_run.head_branch", "pull_request.head");
    }

    @Test
    void previewsRunPulumiPreviewOnlyWhereOidcTokensExistAndOneRunPerPullRequest() {
        // given
        var workflow = Workflows.load("preview.yml");
        var preview = map(jobs("preview.yml").get("pulumi-preview"));
        // when / then
        assertThat(String.valueOf(preview.get("if"))).contains("github.event.pull_request.head.repo.full_name == github.repository");
        assertThat(map(preview.get("with"))).containsEntry("command", "preview").containsEntry("environment", "${{ matrix.stack }}-preview");
        assertThat(map(workflow.get("concurrency"))).containsEntry("cancel-in-progress", true);
        assertThat(workflow.get("permissions")).isEqualTo(Map.of());
    }

    @Test
    void everyCheckoutLeavesNoCredentialsBehind() {
        // given every actions/checkout step
        var checkouts = new ArrayList<Map<String, Object>>();
        Workflows.all().values().forEach(workflow -> Workflows.collectSteps(workflow, step -> {
            if (String.valueOf(step.get("uses")).startsWith("actions/checkout@")) {
                checkouts.add(step);
            }
        }));
        // when / then
        assertThat(checkouts).hasSizeGreaterThan(3)
                .allSatisfy(step -> assertThat(map(step.get("with"))).containsEntry("persist-credentials", false));
    }

    @Test
    void eachStackIsDeployedOnARunnerOfItsOwnArchitectureWithoutEmulation() {
        // given the reusable stack workflow
        var jobs = jobs("pulumi-stack.yml");
        var pulumi = map(jobs.get("pulumi"));
        // when / then: the pulumi job runs where the runner job says, and nothing emulates another CPU
        assertThat(pulumi.get("needs")).isEqualTo("runner");
        assertThat(pulumi.get("runs-on")).isEqualTo("${{ needs.runner.outputs.runs-on == 'ubuntu-24.04-arm' && 'ubuntu-24.04-arm' || 'ubuntu-24.04' }}");
        assertThat(map(map(jobs.get("runner")).get("outputs"))).containsEntry("runs-on", "${{ steps.architecture.outputs.runs-on }}");
        assertThat(Workflows.uses()).noneMatch(use -> use.startsWith("docker/setup-qemu-action"));
    }

    @Test
    void theRunnerFollowsTheArchitectureInTheStacksPlan(@TempDir Path workspace) throws Exception {
        // given the runner job's script, and the real JSON plans of the committed stacks behind a stand-in ./plan
        var script = script("runner", "architecture");
        // when / then: dev (Graviton) builds on arm64; prod promotes dev's image, builds nothing, needs no arm64 runner
        assertThat(runnerFor(workspace, script, "dev", PlanCommandTest.run("dev", "--json").out())).isEqualTo(new Run(0, """
                runs-on=ubuntu-24.04-arm
                project=spotfleet
                image=build
                image-source=build
                promotion-targets=prod
                """));
        assertThat(runnerFor(workspace, script, "prod", PlanCommandTest.run("prod", "--json").out())).isEqualTo(new Run(0, """
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
        var script = script("runner", "architecture");
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
        var script = script("runner", "architecture");
        // when
        var runner = runnerFor(workspace, script, "odd", "{\"project\": \"spotfleet\", \"image\": {\"source\": \"build\"}, \"config\": [], \"resources\": []}");
        // then
        assertThat(runner.exitCode()).isNotZero();
        assertThat(runner.output()).isEmpty();
    }

    @Test
    void deploysKeepThePromotedImagesAndEveryRunSaysWhichImageTheStackRuns() throws IOException {
        // given the reusable stack workflow's pulumi job
        var steps = steps(map(jobs("pulumi-stack.yml").get("pulumi")));
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
        // only once pulumi ran: after a failed head check or credential step there is no CLI and no token to use
        assertThat(pulumi.get("id")).isEqualTo("pulumi");
        assertThat(List.of(keep, summary)).allSatisfy(step -> assertThat(String.valueOf(step.get("if")))
                .contains("steps.pulumi.outcome != 'skipped'"));
        // the team token auth-actions exported is the only Pulumi credential: no step names one of its own
        assertThat(List.of(keep, summary)).allSatisfy(step -> assertThat(map(step.get("env"))).doesNotContainKey("PULUMI_ACCESS_TOKEN"));
    }

    @Test
    void aPlanThatBuildsNoImageChoosesNoRunner(@TempDir Path workspace) throws Exception {
        // given a plan without an image (an invalid stack's plan has no resources)
        var script = script("runner", "architecture");
        // when
        var runner = runnerFor(workspace, script, "broken", "{\"valid\": false, \"resources\": []}");
        // then: the job fails instead of guessing
        assertThat(runner.exitCode()).isNotZero();
        assertThat(runner.output()).isEmpty();
    }

    @Test
    void everyPulumiRunUsesOnePinnedCliRelease() {
        // given every pulumi/actions step of every workflow
        var versions = new ArrayList<Object>();
        Workflows.all().values().forEach(workflow -> Workflows.collectSteps(workflow, step -> {
            if (String.valueOf(step.get("uses")).startsWith("pulumi/actions@")) {
                versions.add(map(step.get("with")).get("pulumi-version"));
            }
        }));
        // when / then: a released version (x.y.z), never "latest" or a range
        assertThat(versions).isNotEmpty().allSatisfy(version -> assertThat(String.valueOf(version)).matches("\\d+\\.\\d+\\.\\d+"));
        assertThat(versions.stream().distinct()).hasSize(1);
    }

    @Test
    void noDeployingJobRestoresACacheThatOtherJobsCanWrite() {
        // given every job a deploy runs (every job of the stack workflow, called with command up) and every preview's
        var deploys = Workflows.stackCalls().stream().filter(call -> call.command().equals("up")).toList();
        var previews = Workflows.stackCalls().stream().filter(call -> call.command().equals("preview")).toList();
        assertThat(deploys).isNotEmpty();
        assertThat(previews).isNotEmpty();
        var stackJobs = jobs("pulumi-stack.yml");
        // when / then: no step of a deploy restores a cache (a credential-less job on main could have written it)...
        stackJobs.forEach((id, job) -> steps(map(job)).stream().filter(step -> step.containsKey("uses")).forEach(step ->
                assertThat(cacheRestored(step, "up")).as("pulumi-stack.yml job %s, command up: %s", id, step.get("uses")).isEmpty()));
        // ...while a preview may keep the Maven cache
        assertThat(stackJobs.values().stream().flatMap(job -> steps(map(job)).stream()).filter(step -> step.containsKey("uses"))
                .map(step -> cacheRestored(step, "preview")).filter(cache -> !cache.isEmpty())).contains("maven");
    }

    @Test
    void theCacheCheckSeesACacheInADeployingJob() {
        // given setup-java with a plain cache, and an unknown action
        var cached = Map.<String, Object>of("uses", "actions/setup-java@" + "a".repeat(40), "with", Map.of("cache", "maven"));
        var conditional = Map.<String, Object>of("uses", "actions/setup-java@" + "a".repeat(40),
                "with", Map.of("cache", "${{ inputs.command == 'up' && 'maven' || '' }}"));
        var unknown = Map.<String, Object>of("uses", "actions/cache@" + "a".repeat(40));
        // when / then
        assertThat(cacheRestored(cached, "up")).isEqualTo("maven");
        assertThat(cacheRestored(conditional, "up")).isEqualTo("maven");
        assertThat(cacheRestored(conditional, "preview")).isEmpty();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> cacheRestored(unknown, "up")))
                .hasMessageContaining("actions/cache");
    }

    @Test
    void everyWorkflowGrantsNothingByDefaultAndEveryJobDeclaresExactlyWhatItUses() {
        Workflows.all().forEach((file, workflow) -> {
            // given the workflow / when its default is read / then it is nothing
            assertThat(workflow.get("permissions")).as("%s default permissions", file).isEqualTo(Map.of());
            map(workflow.get("jobs")).forEach((id, node) -> {
                var job = map(node);
                // when the job's own permissions are compared with what its steps (or the workflow it calls) use
                assertThat(job).as("%s job %s declares its permissions", file, id).containsKey("permissions");
                // then they are exactly that
                assertThat(job.get("permissions")).as("%s job %s", file, id).isEqualTo(permissionsUsed(job));
            });
        });
    }

    @Test
    void theRunnerJobOnlyReadsTheRepository() {
        // given the job that runs ./plan (the pull request's own code, in a preview)
        var runner = map(jobs("pulumi-stack.yml").get("runner"));
        // when / then: no OIDC token, no comment right, nothing the caller grants the pulumi job
        assertThat(runner.get("permissions")).isEqualTo(Map.of("contents", "read"));
        assertThat(map(jobs("pulumi-stack.yml").get("pulumi")).get("permissions"))
                .isEqualTo(Map.of("contents", "read", "id-token", "write"));
    }

    @Test
    void pulumiActionsPostsNoPullRequestCommentOfItsOwn() {
        // given every pulumi/actions step: its comment edits the first comment starting with its heading, whoever
        // wrote it (pulumi/actions v7.0.0 src/libs/pr.ts: comments.find(comment => comment.body.startsWith(heading) ...))
        var pulumi = step("pulumi-stack.yml", "pulumi", "pulumi/actions@");
        // when / then: off, the output in the job summary instead, and no job can write to pull requests but the fork commenter
        assertThat(map(pulumi.get("with"))).containsEntry("comment-on-pr", false).containsEntry("comment-on-summary", true)
                .doesNotContainKey("comment-on-pr-number");
        Workflows.all().forEach((file, workflow) -> map(workflow.get("jobs")).forEach((id, node) -> {
            if (map(map(node).getOrDefault("permissions", Map.of())).containsKey("pull-requests")) {
                assertThat(file + " " + id).isEqualTo("preview-comment.yml comment");
            }
        }));
    }

    @Test
    void theDeployJobRunsOnlyOnTheProjectsRunnersWhateverThePlanSays() {
        // given the pulumi job's runs-on and the runner job's steps
        var runsOn = String.valueOf(map(jobs("pulumi-stack.yml").get("pulumi")).get("runs-on"));
        var choice = RUNNER_CHOICE.matcher(runsOn);
        // when the expression is read
        assertThat(choice.matches()).as(runsOn).isTrue();
        // then it can only name the project's labels, and the one it tests for is the one it names
        assertThat(choice.group(1)).isEqualTo(choice.group(2));
        assertThat(Set.of(choice.group(2), choice.group(3))).isEqualTo(RUNNERS);
        // and every label the architecture step can choose is one of them
        var chosen = Pattern.compile("runner=([\\w.-]+)").matcher(script("runner", "architecture")).results()
                .map(m -> m.group(1)).collect(java.util.stream.Collectors.toSet());
        assertThat(chosen).isEqualTo(RUNNERS);
    }

    @Test
    void theRunnerJobFailsOnAnyLabelButTheProjectsOwn(@TempDir Path workspace) throws Exception {
        // given the check that follows the architecture step, reading that step's output
        var steps = steps(map(jobs("pulumi-stack.yml").get("runner")));
        var check = steps.stream().filter(step -> "Only the project's runners".equals(step.get("name"))).findFirst().orElseThrow();
        assertThat(steps.indexOf(check)).isEqualTo(steps.size() - 1);
        assertThat(map(check.get("env"))).containsEntry("RUNS_ON", "${{ steps.architecture.outputs.runs-on }}");
        var script = String.valueOf(check.get("run"));
        // when / then: the two labels pass
        for (var label : RUNNERS) {
            var run = bash(workspace, script, Map.of("RUNS_ON", label));
            assertThat(run.exitCode()).as(run.output()).isZero();
        }
        // and anything else fails the job, so the credentialed job never starts
        for (var label : List.of("self-hosted", "ubuntu-latest", "", "ubuntu-24.04 ", " ubuntu-24.04", "ubuntu-24.04\nself-hosted",
                "[self-hosted, linux]", "ubuntu-24.04-arm,self-hosted", "UBUNTU-24.04")) {
            var run = bash(workspace, script, Map.of("RUNS_ON", label));
            assertThat(run.exitCode()).as("%s", label).isEqualTo(1);
            assertThat(run.output()).as("%s", label).contains("::error::runs-on '", "is not one of this project's runners");
        }
    }

    @Test
    void forkCommentRunsOfOnePullRequestNeverOverlap() {
        // given the fork commenter
        var workflow = Workflows.load("preview-comment.yml");
        // when / then: one group per fork branch (a fork's workflow_run carries no pull request), queued, not cancelled
        assertThat(map(workflow.get("concurrency"))).isEqualTo(Map.of(
                "group", "preview-comment-${{ github.event.workflow_run.head_repository.id }}-${{ github.event.workflow_run.head_branch }}",
                "cancel-in-progress", false));
    }

    /** What {@code step} restores from GitHub's cache when the stack workflow runs {@code command}: "" for nothing. */
    static String cacheRestored(Map<String, Object> step, String command) {
        var uses = String.valueOf(step.get("uses"));
        var action = uses.substring(0, uses.indexOf('@'));
        if (!CACHE_INPUT.containsKey(action)) {
            throw new AssertionError("does %s restore a cache? Read its code at the pinned commit and add it to CACHE_INPUT".formatted(action));
        }
        var input = CACHE_INPUT.get(action);
        if (input.isEmpty() || !(step.get("with") instanceof Map<?, ?> with) || with.get(input) == null) {
            return "";
        }
        var value = String.valueOf(with.get(input));
        if (!value.contains("${{")) {
            return value;
        }
        var only = ONLY_FOR_COMMAND.matcher(value);
        if (!only.matches()) {
            throw new AssertionError("cannot tell when %s: %s restores a cache".formatted(action, value));
        }
        return only.group(1).equals(command) ? only.group(2) : "";
    }

    /** The permissions a job uses: its steps' ({@link #PERMISSIONS_USED}), or the jobs' of the workflow it calls. */
    static Map<String, Object> permissionsUsed(Map<String, Object> job) {
        var used = new TreeMap<String, Object>();
        if (job.get("uses") instanceof String called) {
            assertThat(called).startsWith("./.github/workflows/");
            map(Workflows.load(Path.of(called.substring(2))).get("jobs")).values()
                    .forEach(calledJob -> used.putAll(map(map(calledJob).get("permissions"))));
            return used;
        }
        for (var step : steps(job)) {
            if (step.get("uses") instanceof String uses) {
                var action = uses.substring(0, uses.indexOf('@'));
                assertThat(PERMISSIONS_USED).as("what %s needs", action).containsKey(action);
                PERMISSIONS_USED.get(action).forEach(used::put);
            } else if (String.valueOf(step.get("env")).contains("${{ github.token }}")) {
                // a script calling the GitHub API with the job's token: the head check reads a commit
                used.put("contents", "read");
            }
        }
        return used;
    }

    record Run(int exitCode, String output) {
    }

    /** Every pinned `uses:` line of every workflow; fails on a line that is neither local nor pinned with its release. */
    static List<Pin> pinsInWorkflows() throws IOException {
        var pins = new ArrayList<Pin>();
        for (var workflow : WorkflowLintTest.workflows()) {
            for (var line : Files.readAllLines(workflow)) {
                var uses = USES_LINE.matcher(line);
                if (!uses.matches() || uses.group(1).startsWith("./")) {
                    continue;
                }
                var pinned = PINNED.matcher(uses.group(1));
                var comment = RELEASE_COMMENT.matcher(uses.group(2));
                assertThat(pinned.matches() && comment.matches()).as("%s: %s", workflow, line.strip()).isTrue();
                pins.add(new Pin(pinned.group(1), pinned.group(2), comment.group(1)));
            }
        }
        return pins;
    }

    /** Every job container's and service's image. */
    static List<String> images() {
        var images = new ArrayList<String>();
        Workflows.all().values().forEach(workflow -> map(workflow.get("jobs")).values().forEach(node -> {
            var job = map(node);
            if (job.get("container") instanceof String image) {
                images.add(image);
            } else if (job.get("container") instanceof Map<?, ?> container) {
                images.add(String.valueOf(container.get("image")));
            }
            if (job.get("services") instanceof Map<?, ?> services) {
                services.values().forEach(service -> images.add(String.valueOf(map(service).get("image"))));
            }
        }));
        return images;
    }

    @Test
    void theOfflinePlanJobEstimatesEveryStacksCostOfflineBesideItsPlan(@TempDir Path workspace) throws Exception {
        // given the offline-plan job (the pull request's own code, forks included) and a stand-in ./plan: prod's
        // estimate fails (a missing price), dev's plan and estimate pass
        var job = map(jobs("preview.yml").get("offline-plan"));
        var script = steps(job).stream().map(step -> String.valueOf(step.get("run"))).filter(run -> run.contains("./plan"))
                .findFirst().orElseThrow();
        var plan = workspace.resolve("plan");
        Files.writeString(plan, """
                #!/bin/sh
                printf '%s\\n' "$*" >> "$(dirname "$0")/plan-calls"
                case "$*" in
                  "prod --cost") echo "plan: no cost estimate for stack prod: no price for instance:x9.huge"; exit 1 ;;
                  *--cost*) echo "  \\$69.54  total a month" ;;
                  *) echo "plan of $1" ;;
                esac
                """);
        plan.toFile().setExecutable(true);
        Files.writeString(workspace.resolve("Pulumi.dev.yaml"), "");
        Files.writeString(workspace.resolve("Pulumi.prod.yaml"), "");
        var summary = workspace.resolve("summary");
        Files.writeString(summary, "");
        // when
        var run = bash(workspace, script, Map.of("PR_NUMBER", "7", "HEAD_SHA", "abc", "GITHUB_STEP_SUMMARY", summary.toString()));
        // then: each stack planned and estimated with the price file only (never --live: no credentials here), the
        // estimate and its status in the artifact beside the plan, both in the summary, and a failed estimate shown, not fatal
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readAllLines(workspace.resolve("plan-calls"))).containsExactly("dev", "dev --json", "dev --cost", "prod",
                "prod --json", "prod --cost");
        var artifact = workspace.resolve("offline-plan");
        assertThat(Files.readString(artifact.resolve("dev.cost"))).isEqualTo("  $69.54  total a month\n");
        assertThat(Files.readString(artifact.resolve("dev.cost-status"))).isEqualTo("0\n");
        assertThat(Files.readString(artifact.resolve("prod.cost"))).contains("no price for instance:x9.huge");
        assertThat(Files.readString(artifact.resolve("prod.cost-status"))).isEqualTo("1\n");
        assertThat(Files.readString(summary)).contains("### Cost estimate of `dev` (exit 0)", "### Cost estimate of `prod` (exit 1)",
                "### Offline plan of `prod` (exit 0)");
        assertThat(job.get("permissions")).isEqualTo(Map.of("contents", "read"));
        assertThat(job.toString()).doesNotContain("secrets.", "id-token", "AWS_", "--live");
    }

    private static Map<String, Object> step(String workflow, String job, String usesPrefix) {
        return steps(map(jobs(workflow).get(job))).stream().filter(step -> String.valueOf(step.get("uses")).startsWith(usesPrefix))
                .findFirst().orElseThrow();
    }

    private static String script(String job, String stepId) {
        return steps(map(jobs("pulumi-stack.yml").get(job))).stream().filter(step -> stepId.equals(step.get("id")))
                .map(step -> String.valueOf(step.get("run"))).findFirst().orElseThrow();
    }

    /** Runs the head check as GitHub runs a step's script, with a stand-in curl answering {@code head} and exiting {@code curlExit}. */
    private static Run headCheck(Path workspace, String runSha, String head, int curlExit) throws Exception {
        var bin = Files.createDirectories(workspace.resolve("bin"));
        Files.writeString(workspace.resolve("head"), head);
        var curl = bin.resolve("curl");
        Files.writeString(curl, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$WORKSPACE/curl-args\"\ncat \"$WORKSPACE/head\"\nexit " + curlExit + "\n");
        curl.toFile().setExecutable(true);
        var env = new LinkedHashMap<String, String>();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("WORKSPACE", workspace.toString());
        env.put("GITHUB_SHA", runSha);
        env.put("GITHUB_TOKEN", "the-token");
        env.put("GITHUB_API_URL", "https://api.github.test");
        env.put("GITHUB_REPOSITORY", "octo-org/spotfleet");
        env.put("DEFAULT_BRANCH", "main");
        env.put("STACK", "prod");
        return bash(workspace, script("pulumi", "head"), env);
    }

    /** Runs {@code script} as GitHub runs a step's script, with ./plan answering {@code planJson}. */
    private static Run runnerFor(Path workspace, String script, String stack, String planJson) throws Exception {
        var plan = workspace.resolve("plan");
        Files.writeString(workspace.resolve("plan.json"), planJson);
        Files.writeString(plan, "#!/bin/sh\ncat \"$(dirname \"$0\")/plan.json\"\n");
        plan.toFile().setExecutable(true);
        var output = workspace.resolve("github-output");
        Files.writeString(output, "");
        var run = bash(workspace, script, Map.of("STACK", stack, "GITHUB_OUTPUT", output.toString()));
        var outputs = Files.readString(output);
        if (run.exitCode() != 0) {
            return new Run(run.exitCode(), outputs);
        }
        // then the runner job's next step, on the runs-on the first one wrote (GitHub's output, its last line of the key)
        var runsOn = outputs.lines().filter(line -> line.startsWith("runs-on=")).reduce((first, last) -> last).orElse("runs-on=")
                .substring("runs-on=".length());
        var check = steps(map(jobs("pulumi-stack.yml").get("runner"))).stream()
                .filter(step -> "Only the project's runners".equals(step.get("name"))).findFirst().orElseThrow();
        var checked = bash(workspace, String.valueOf(check.get("run")), Map.of("RUNS_ON", runsOn));
        return new Run(checked.exitCode(), outputs);
    }

    private static Run bash(Path workspace, String script, Map<String, String> env) throws Exception {
        var process = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
                .directory(workspace.toFile())
                .redirectErrorStream(true);
        process.environment().putAll(env);
        var started = process.start();
        var output = new String(started.getInputStream().readAllBytes());
        return new Run(started.waitFor(), output);
    }
}
