package spotfleet.infra.plan;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.plan.Workflows.map;
import static spotfleet.infra.plan.Workflows.steps;

/**
 * The acceptance workflow (.github/workflows/acceptance.yml, docs/acceptance.md): it spends money and holds the sandbox
 * account's credentials, so it runs only by hand or on its schedule, never for a pull request; one run at a time, never
 * cancelled by the next; credentials by OIDC for its one job, bound to the sandbox environment, and outliving the job;
 * its inputs checked before any credential and never spliced into a script; and whatever happens, the janitor
 * destroys the run's stack and the report reaches the job summary and an artifact. The scripts are run here with bash.
 */
class AcceptanceWorkflowTest {

    static final String FILE = "acceptance.yml";
    static final Path DOC = Path.of("docs/acceptance.md");
    static final String REPORT_DIR = "${{ runner.temp }}/acceptance";
    private static final Pattern JSON_BLOCK = Pattern.compile("^```json\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);

    @Test
    void itRunsByHandAndOnItsScheduleOnlyNeverForAPullRequest() {
        // given the workflow's triggers (SnakeYAML reads the key `on` as YAML 1.1's true)
        var on = map(Workflows.load(FILE).get(true));
        // when / then
        assertThat(on).containsOnlyKeys("workflow_dispatch", "schedule");
        assertThat((List<?>) on.get("schedule")).hasSize(1);
        assertThat(String.valueOf(map(((List<?>) on.get("schedule")).getFirst()).get("cron"))).matches("\\d+ \\d+ \\* \\* [0-6]");
        // and no other workflow calls it or runs ./acceptance (a pull request's code must never reach the sandbox)
        Workflows.all().forEach((file, workflow) -> {
            if (!file.equals(FILE)) {
                assertThat(workflow.toString()).as(file).doesNotContain("acceptance.yml", "./acceptance", "sandbox");
            }
        });
    }

    @Test
    void oneRunAtATimeNeverCancelledByTheNextAndBoundedInTime() {
        // given
        var workflow = Workflows.load(FILE);
        var job = job();
        // when / then
        assertThat(workflow.get("concurrency")).isEqualTo(Map.of("group", "acceptance", "cancel-in-progress", false));
        assertThat(Workflows.jobs(FILE)).containsOnlyKeys("acceptance");
        assertThat((Integer) job.get("timeout-minutes")).isBetween(60, 360);
        assertThat(job.get("runs-on")).isIn(WorkflowPolicyTest.RUNNERS);
    }

    @Test
    void theOneJobIsBoundToTheSandboxAndAsksForTheOidcTokenOnlyThere() {
        // given / when
        var workflow = Workflows.load(FILE);
        var job = job();
        // then
        assertThat(workflow.get("permissions")).isEqualTo(Map.of());
        assertThat(job.get("environment")).isEqualTo("sandbox");
        assertThat(job.get("permissions")).isEqualTo(Map.of("contents", "read", "id-token", "write"));
        var aws = uses("aws-actions/configure-aws-credentials@");
        assertThat(map(aws.get("with"))).containsEntry("role-to-assume", "${{ vars.AWS_ROLE_ARN }}")
                .containsEntry("aws-region", "${{ steps.parameters.outputs.region }}")
                .containsEntry("allowed-account-ids", "${{ vars.ACCEPTANCE_ACCOUNT }}");
        // no step restores a cache: the job holds credentials (WorkflowPolicyTest.noDeployingJobRestoresACacheThatOtherJobsCanWrite)
        steps(job).stream().filter(step -> step.containsKey("uses"))
                .forEach(step -> assertThat(WorkflowPolicyTest.cacheRestored(step, "up")).as("%s", step.get("uses")).isEmpty());
    }

    @Test
    void theCredentialsOutliveTheJobSoTheDestroyAtItsEndStillHasThem() {
        // given the job's limit and what each credential is asked to last
        var limitSeconds = 60 * (Integer) job().get("timeout-minutes");
        var aws = map(uses("aws-actions/configure-aws-credentials@").get("with"));
        var pulumi = map(uses("pulumi/auth-actions@").get("with"));
        // when / then
        assertThat((Integer) aws.get("role-duration-seconds")).isGreaterThanOrEqualTo(limitSeconds);
        assertThat((Integer) pulumi.get("token-expiration")).isGreaterThanOrEqualTo(limitSeconds);
        // and the doc asks for a role and an issuer that allow that much
        assertThat(doc().replaceAll("\\s+", " ")).contains("maximum session duration of at least "
                + aws.get("role-duration-seconds") + " seconds", "max expiration of at least " + pulumi.get("token-expiration") + " seconds");
    }

    @Test
    void theInputsAreCheckedFirstAndReachScriptsOnlyThroughTheEnvironment() {
        // given the job's steps
        var steps = steps(job());
        // when / then: the parameters step comes before any action (checkout and credentials among them)
        assertThat(steps.getFirst().get("id")).isEqualTo("parameters");
        assertThat(map(steps.getFirst().get("env"))).containsEntry("REGION", "${{ inputs.region }}")
                .containsEntry("RPS", "${{ inputs.rps }}").containsEntry("BASELINE", "${{ inputs.baseline }}");
        // and no script of any workflow expands an expression itself (zizmor's template-injection audit)
        Workflows.all().forEach((file, workflow) -> Workflows.collectRuns(workflow, run ->
                assertThat(run).as("%s: a run: script", file).doesNotContain("${{")));
        // the inputs are read only by the parameters step; later steps take its checked outputs
        steps.subList(1, steps.size()).forEach(step -> assertThat(String.valueOf(step)).doesNotContain("inputs."));
    }

    @Test
    void theParametersStepTakesTheInputsDefaultsOnTheScheduleAndPassesGoodValues(@TempDir Path workspace) throws Exception {
        // given the dispatch inputs' defaults
        var inputs = map(map(map(Workflows.load(FILE).get(true)).get("workflow_dispatch")).get("inputs"));
        // when the schedule runs it (no inputs)
        var scheduled = parameters(workspace, "", "", "", "111122223333");
        // then it takes the same defaults
        assertThat(scheduled.exit()).as(scheduled.output()).isZero();
        assertThat(scheduled.outputs()).isEqualTo("region=%s%nrps=%s%nbaseline=%s%n".formatted(map(inputs.get("region")).get("default"),
                map(inputs.get("rps")).get("default"), map(inputs.get("baseline")).get("default")));
        // and a dispatch's own values pass through
        var dispatched = parameters(workspace, "us-gov-west-1", "200", "90s", "111122223333");
        assertThat(dispatched.outputs()).isEqualTo("region=us-gov-west-1\nrps=200\nbaseline=90s\n");
    }

    @Test
    void badParametersStopTheJobBeforeAnyCredentialWithTheValueNamed(@TempDir Path workspace) throws Exception {
        // given / when / then
        for (var region : List.of("eu-west-1; curl evil", "EU-WEST-1", "eu-west", "$(id)", "eu-west-1\nrps=1")) {
            var run = parameters(workspace, region, "20", "3m", "111122223333");
            assertThat(run.exit()).as(region).isEqualTo(1);
            assertThat(run.output()).as(region).contains("::error::region '");
            assertThat(run.outputs()).as(region).isEmpty();
        }
        for (var rps : List.of("0", "201", "20.5", "-1", "1e2", "0020")) {
            var run = parameters(workspace, "eu-west-1", rps, "3m", "111122223333");
            assertThat(run.exit()).as(rps).isEqualTo(1);
            assertThat(run.output()).as(rps).contains("::error::rps '" + rps + "' is not a whole number from 1 to 200");
        }
        for (var baseline : List.of("0s", "3h", "3", "1m30s", "m")) {
            var run = parameters(workspace, "eu-west-1", "20", baseline, "111122223333");
            assertThat(run.exit()).as(baseline).isEqualTo(1);
            assertThat(run.output()).as(baseline).contains("::error::baseline '");
        }
        var noAccount = parameters(workspace, "eu-west-1", "20", "3m", "");
        assertThat(noAccount.exit()).isEqualTo(1);
        assertThat(noAccount.output()).contains("::error::the sandbox environment's variable ACCEPTANCE_ACCOUNT ('')");
    }

    @Test
    void theRunNamesTheAllowedAccountFromTheEnvironmentsVariableAndWritesItsReportWhereTheClosingStepsReadIt() {
        // given
        var run = named("./acceptance");
        // when / then
        assertThat(String.valueOf(run.get("run"))).startsWith("./acceptance --yes ").contains("--account \"$ACCOUNT\"",
                "--region \"$REGION\"", "--rps \"$RPS\"", "--baseline \"$BASELINE\"", "--report-dir \"$REPORT_DIR\"");
        assertThat(map(run.get("env"))).containsEntry("ACCOUNT", "${{ vars.ACCEPTANCE_ACCOUNT }}").containsEntry("REPORT_DIR", REPORT_DIR)
                .containsEntry("REGION", "${{ steps.parameters.outputs.region }}");
        assertThat(map(named("./acceptance --janitor").get("env"))).containsEntry("REPORT_DIR", REPORT_DIR)
                .containsEntry("ACCOUNT", "${{ vars.ACCEPTANCE_ACCOUNT }}");
        assertThat(map(named("The report as the job's summary").get("env"))).containsEntry("REPORT_DIR", REPORT_DIR);
        assertThat(map(uses("actions/upload-artifact@").get("with"))).containsEntry("path", REPORT_DIR + "/");
    }

    @Test
    void afterTheRunWhateverHappenedTheJanitorComesFirstThenTheSummaryAndTheArtifact() {
        // given the steps after the run
        var steps = steps(job());
        var run = steps.indexOf(named("./acceptance"));
        var janitor = named("./acceptance --janitor");
        var summary = named("The report as the job's summary");
        var artifact = uses("actions/upload-artifact@");
        // when / then: in that order, right after the run, each also after a failure or a cancel
        assertThat(steps.subList(run + 1, steps.size())).containsExactly(janitor, summary, artifact);
        assertThat(String.valueOf(janitor.get("if"))).startsWith("${{ always() && ");
        assertThat(summary.get("if")).isEqualTo("always()");
        assertThat(artifact.get("if")).isEqualTo("always()");
        // the janitor runs once the credentials are in place: the step that ends them is the one it waits for
        var organization = steps.indexOf(steps.stream().filter(step -> "organization".equals(step.get("id"))).findFirst().orElseThrow());
        assertThat(String.valueOf(janitor.get("if"))).contains("steps.organization.outcome == 'success'");
        assertThat(steps.subList(0, organization)).anyMatch(step -> String.valueOf(step.get("uses")).startsWith("pulumi/auth-actions@"))
                .anyMatch(step -> String.valueOf(step.get("uses")).startsWith("aws-actions/configure-aws-credentials@"));
    }

    @Test
    void theJanitorDestroysTheRunsOwnStackByNameWhenTheRunWroteIt(@TempDir Path workspace) throws Exception {
        // given a stand-in ./acceptance that records its arguments
        var script = String.valueOf(named("./acceptance --janitor").get("run"));
        var acceptance = workspace.resolve("acceptance");
        Files.writeString(acceptance, "#!/bin/sh\nfor a in \"$@\"; do printf '<%s>' \"$a\"; done\necho\n");
        acceptance.toFile().setExecutable(true);
        var reportDir = Files.createDirectories(workspace.resolve("report"));
        var env = Map.of("REGION", "eu-west-1", "ACCOUNT", "111122223333", "REPORT_DIR", reportDir.toString());
        // when the run never got to name its stack
        var before = bash(workspace, script, env);
        // then only the age rule applies
        assertThat(before.output()).isEqualTo("<--janitor><--region><eu-west-1><--account><111122223333>\n");
        // when it did
        Files.writeString(reportDir.resolve("stack"), "acceptance-20261207t151500z-0a1b2c\n");
        var after = bash(workspace, script, env);
        // then that stack is named, as one argument
        assertThat(after.output()).isEqualTo("<--janitor><--region><eu-west-1><--account><111122223333><--stack><acceptance-20261207t151500z-0a1b2c>\n");
    }

    @Test
    void theSummaryIsTheReportOrSaysThereIsNone(@TempDir Path workspace) throws Exception {
        // given
        var script = String.valueOf(named("The report as the job's summary").get("run"));
        var reportDir = Files.createDirectories(workspace.resolve("report"));
        var summary = workspace.resolve("summary.md");
        var env = Map.of("REPORT_DIR", reportDir.toString(), "GITHUB_STEP_SUMMARY", summary.toString());
        // when there is no report / then
        assertThat(bash(workspace, script, env).exit()).isZero();
        assertThat(summary).content().startsWith("No report: the run stopped before it wrote one");
        // when there is one / then it is appended as it is
        Files.delete(summary);
        Files.writeString(reportDir.resolve("report.md"), "# spotfleet acceptance run\n\n## Verdict: the promise held\n");
        assertThat(bash(workspace, script, env).exit()).isZero();
        assertThat(summary).content().isEqualTo("# spotfleet acceptance run\n\n## Verdict: the promise held\n");
    }

    @Test
    void theDocStatesTheSandboxTrustPoliciesForExactlyTheSandboxEnvironment() {
        // given the JSON blocks of docs/acceptance.md
        var problems = new ArrayList<String>();
        var aws = new ArrayList<String>();
        var pulumi = new ArrayList<String>();
        var blocks = JSON_BLOCK.matcher(doc());
        while (blocks.find()) {
            JsonObject json = JsonParser.parseString(blocks.group(1)).getAsJsonObject();
            // when each policy is judged like the deploy environments' (DeployCredentialsTest)
            if (json.has("policies")) {
                json.getAsJsonArray("policies").forEach(policy -> pulumi.add(DeployCredentialsTest.pulumiPolicy(policy.getAsJsonObject(),
                        Map.of("sandbox", "spotfleet-acceptance"), problems)));
            } else if (json.toString().contains("sts:AssumeRoleWithWebIdentity")) {
                aws.add(DeployCredentialsTest.awsTrustPolicy(json, problems));
            }
        }
        // then there is one of each, for the environment the job binds to, and nothing is wrong with either
        assertThat(problems).isEmpty();
        assertThat(aws).containsExactly(DeployCredentialsTest.SUBJECT + job().get("environment"));
        assertThat(pulumi).containsExactly(DeployCredentialsTest.SUBJECT + job().get("environment"));
    }

    record Run(int exit, String output, String outputs) {
    }

    private static Run parameters(Path workspace, String region, String rps, String baseline, String account) throws Exception {
        var output = workspace.resolve("github-output");
        Files.writeString(output, "");
        var env = new LinkedHashMap<String, String>();
        env.put("REGION", region);
        env.put("RPS", rps);
        env.put("BASELINE", baseline);
        env.put("ACCOUNT", account);
        env.put("GITHUB_OUTPUT", output.toString());
        var run = bash(workspace, String.valueOf(steps(job()).getFirst().get("run")), env);
        return new Run(run.exit(), run.output(), Files.readString(output));
    }

    private static Map<String, Object> job() {
        return map(Workflows.jobs(FILE).get("acceptance"));
    }

    private static Map<String, Object> named(String name) {
        return steps(job()).stream().filter(step -> name.equals(step.get("name"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> uses(String prefix) {
        return steps(job()).stream().filter(step -> String.valueOf(step.get("uses")).startsWith(prefix)).findFirst().orElseThrow();
    }

    private static String doc() {
        try {
            return Files.readString(DOC);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs {@code script} as GitHub runs a step's script (bash -e -o pipefail). */
    private static Run bash(Path workspace, String script, Map<String, String> env) throws Exception {
        var process = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
                .directory(workspace.toFile()).redirectErrorStream(true);
        process.environment().putAll(env);
        var started = process.start();
        var output = new String(started.getInputStream().readAllBytes());
        return new Run(started.waitFor(), output, "");
    }
}
