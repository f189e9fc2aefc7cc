package spotfleet.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ./acceptance's whole flow, as a process, against the stand-ins (a stand-in pulumi CLI the real Automation API drives,
 * stand-in AWS endpoints the real AWS SDK clients call): the order of its steps, the refusal without an allowed account,
 * a failure injected at every step still ending in destroy and stack rm, and the janitor's choice by tag and age.
 * Nothing here calls AWS or Pulumi's service.
 */
class AcceptanceFlowTest {

    static final String[] RUN = {"--region", "eu-west-1", "--account", StandIns.ACCOUNT, "--yes", "--baseline", "1s",
            "--cool-down", "1s", "--rps", "50"};

    @Test
    void aCleanRunGoesThroughEveryStepInOrderHoldsThePromiseAndDestroysTheStack(@TempDir Path dir) throws Exception {
        try (var standIns = new StandIns(dir, Map.of())) {
            // when
            var result = standIns.run(Map.of(), withReportDir(standIns));
            // then
            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(commands(result.pulumiCalls())).containsSubsequence("stack init", "stack tag set", "up", "stack output",
                    "config set", "up", "stack select", "destroy", "stack rm");
            assertThat(result.pulumiCalls()).anyMatch(c -> c.startsWith("config set spotfleet:environment")
                    && c.contains("ACCEPTANCE_ROLLOUT="));
            assertThat(result.awsCalls()).containsSubsequence("sts GetCallerIdentity", "fis StartExperiment", "fis GetExperiment",
                    "ecs DescribeServices").noneMatch(c -> c.startsWith("INVALID") || c.startsWith("UNKNOWN"));
            assertThat(standIns.stacks()).isEmpty();
            assertThat(standIns.project.toFile().list()).containsExactlyInAnyOrder("Pulumi.yaml", Stacks.SOURCE_STACK_FILE);
            // every AWS call it made is one the acceptance role may make (policies/deploy-role.json and
            // acceptance-role.json; STS GetCallerIdentity needs no permission), and each action acceptance-role.json
            // adds is one it made
            var made = new TreeSet<>(result.awsCalls().stream().filter(call -> !call.equals("sts GetCallerIdentity"))
                    .map(call -> call.replace(' ', ':')).toList());
            var own = actions(Path.of("..", "policies", "acceptance-role.json"));
            var deploy = actions(Path.of("..", "policies", "deploy-role.json"));
            assertThat(made).isNotEmpty().allSatisfy(call -> assertThat(own.contains(call) || deploy.contains(call))
                    .as("%s allowed by policies/", call).isTrue());
            // CloudWatch's GetMetricData is the exception: SDK 2.57's CloudWatch client speaks Smithy RPC v2 CBOR, which
            // the stand-in (JSON and query protocols only) cannot read, so the run reports the counts as not read
            var report = Files.readString(standIns.report.resolve("report.md"));
            assertThat(made).containsAll(own.stream().filter(action -> !action.equals("cloudwatch:GetMetricData")).toList());
            assertThat(report).contains("| load balancer counts | not read");
            assertThat(report).contains("the promise held", "| baseline |", "| interruption |", "| rolling deploy |",
                    "notice sent (FIS action started)", "destroyed");
            assertThat(standIns.report.resolve("report.svg")).content().startsWith("<svg");
            assertThat(standIns.report.resolve("report.json")).content().contains("\"holds\": true");
            // what it measured, with a figure, and each allowance it does not measure, named with what would measure it
            assertThat(report).containsPattern("\\| time to heal \\(notice to steady\\) \\| -?\\d+ s \\|")
                    .containsPattern("\\| rollout time \\(deploy start to steady\\) \\| \\d+ s \\|");
            AcceptanceRun.NOT_MEASURED.forEach(allowance ->
                    assertThat(report).contains("| %s | %s |".formatted(allowance.getKey(), allowance.getValue())));
            // the name a CI step hands the janitor after a cancelled run, written before the stack was created
            var name = Files.readString(standIns.report.resolve("stack")).strip();
            assertThat(name).matches(Options.STACK);
            assertThat(result.pulumiCalls()).anyMatch(c -> c.startsWith("stack init") && c.contains(name));
        }
    }

    @Test
    void failedRequestsFailTheVerdictAndTheStackIsStillDestroyed(@TempDir Path dir) throws Exception {
        // given a service that answers every 7th request with 503
        try (var standIns = new StandIns(dir, Map.of("STANDIN_APP_FAIL_EVERY", "7"))) {
            // when
            var result = standIns.run(Map.of(), withReportDir(standIns));
            // then
            assertThat(result.exit()).as(result.output()).isEqualTo(1);
            assertThat(result.output()).contains("PROMISE NOT SHOWN", "requests failed");
            assertThat(commands(result.pulumiCalls())).contains("destroy", "stack rm");
            assertThat(standIns.stacks()).isEmpty();
            assertThat(Files.readString(standIns.report.resolve("report.md"))).contains("did NOT hold", "503");
        }
    }

    @ParameterizedTest(name = "pulumi {0} fails (#{1})")
    @CsvSource({"stack tag set, 1", "up, 1", "config set, 1", "up, 2"})
    void aPulumiFailureAtAnyStepStillDestroysAndRemovesTheStack(String command, int nth, @TempDir Path dir) throws Exception {
        try (var standIns = new StandIns(dir, Map.of())) {
            // when
            var result = standIns.run(Map.of("STANDIN_FAIL", command, "STANDIN_FAIL_NTH", String.valueOf(nth)), withReportDir(standIns));
            // then
            assertThat(result.exit()).as(result.output()).isEqualTo(3);
            assertThat(result.output()).contains("the run could not finish", "stand-in failure injected");
            assertThat(commands(result.pulumiCalls())).containsSubsequence("stack init", "destroy", "stack rm");
            assertThat(standIns.stacks()).isEmpty();
            assertThat(standIns.project.toFile().list()).containsExactlyInAnyOrder("Pulumi.yaml", Stacks.SOURCE_STACK_FILE);
        }
    }

    @ParameterizedTest(name = "AWS {0} fails")
    @CsvSource({"StartExperiment", "GetExperiment", "DescribeServices"})
    void anAwsFailureAtAnyStepStillDestroysAndRemovesTheStack(String operation, @TempDir Path dir) throws Exception {
        try (var standIns = new StandIns(dir, Map.of("STANDIN_AWS_FAIL", operation))) {
            // when
            var result = standIns.run(Map.of(), withReportDir(standIns));
            // then
            assertThat(result.exit()).as(result.output()).isEqualTo(3);
            assertThat(commands(result.pulumiCalls())).containsSubsequence("up", "destroy", "stack rm");
            assertThat(standIns.stacks()).isEmpty();
            // the report says what the run did not get to measure, and invents nothing
            assertThat(Files.readString(standIns.report.resolve("report.md")))
                    .contains("| rollout time (deploy start to steady) | not measured: the run did not get that far |");
        }
    }

    @Test
    void aStackThatCannotBeCreatedLeavesNothingBehind(@TempDir Path dir) throws Exception {
        try (var standIns = new StandIns(dir, Map.of())) {
            var result = standIns.run(Map.of("STANDIN_FAIL", "stack init"), withReportDir(standIns));
            assertThat(result.exit()).as(result.output()).isEqualTo(3);
            assertThat(commands(result.pulumiCalls())).doesNotContain("up");
            assertThat(standIns.stacks()).isEmpty();
            assertThat(standIns.project.toFile().list()).containsExactlyInAnyOrder("Pulumi.yaml", Stacks.SOURCE_STACK_FILE);
        }
    }

    @Test
    void aFailedDestroyIsReportedWithWhatToDoAndFailsTheRun(@TempDir Path dir) throws Exception {
        try (var standIns = new StandIns(dir, Map.of())) {
            var result = standIns.run(Map.of("STANDIN_FAIL", "destroy"), withReportDir(standIns));
            assertThat(result.exit()).as(result.output()).isEqualTo(3);
            assertThat(result.output()).contains("DESTROY FAILED", "./acceptance --janitor");
        }
    }

    @Test
    void credentialsOfAnotherAccountAreRefusedBeforeAnythingIsCreated(@TempDir Path dir) throws Exception {
        // given credentials of account 999999999999, and only 111122223333 allowed
        try (var standIns = new StandIns(dir, Map.of("STANDIN_ACCOUNT", "999999999999"))) {
            // when
            var result = standIns.run(Map.of(), withReportDir(standIns));
            // then
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.output()).contains("refused", "999999999999", "[111122223333]");
            assertThat(commands(result.pulumiCalls())).doesNotContain("stack init", "up");
            assertThat(result.awsCalls()).containsExactly("sts GetCallerIdentity");
        }
    }

    @Test
    void withoutAnAllowedAccountNothingIsAskedOfAws(@TempDir Path dir) throws Exception {
        try (var standIns = new StandIns(dir, Map.of())) {
            var result = standIns.run(Map.of(), "--region", "eu-west-1", "--yes");
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.output()).contains("no AWS account is allowed", "--account");
            assertThat(result.awsCalls()).isEmpty();
            assertThat(result.pulumiCalls()).isEmpty();
        }
    }

    @Test
    void aMissingPulumiCliIsNamed(@TempDir Path dir) throws Exception {
        try (var standIns = new StandIns(dir, Map.of())) {
            Files.delete(standIns.bin.resolve("pulumi"));
            var result = standIns.run(Map.of("PATH", standIns.bin + ":/usr/bin:/bin"), withReportDir(standIns));
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.output()).contains("the Pulumi CLI is not on the PATH");
            assertThat(result.awsCalls()).isEmpty();
        }
    }

    @Test
    void theJanitorDestroysOnlyTaggedAcceptanceStacksOlderThanItsLimit(@TempDir Path dir) throws Exception {
        try (var standIns = new StandIns(dir, Map.of())) {
            // given what dead runs left: an old tagged stack, a young one (a run may be under way), an untagged one
            // named like ours, a team's own stack, and the stack of a run cancelled minutes ago, named with --stack
            var old = java.time.Instant.now().minus(java.time.Duration.ofHours(5));
            var young = java.time.Instant.now().minus(java.time.Duration.ofMinutes(20));
            var cancelled = "acceptance-20261207t151500z-0a1b2c";
            standIns.leaveStacks("""
                    {"current": null, "counts": {}, "stacks": {
                      "acceptance-old": {"tags": {"spotfleet:acceptance": "true", "spotfleet:acceptance-created": "%s"}, "config": {}, "resources": 95, "outputs": {}, "lastUpdate": null},
                      "acceptance-young": {"tags": {"spotfleet:acceptance": "true", "spotfleet:acceptance-created": "%s"}, "config": {}, "resources": 95, "outputs": {}, "lastUpdate": null},
                      "acceptance-untagged": {"tags": {}, "config": {}, "resources": 95, "outputs": {}, "lastUpdate": null},
                      "%s": {"tags": {"spotfleet:acceptance": "true", "spotfleet:acceptance-created": "%s"}, "config": {}, "resources": 95, "outputs": {}, "lastUpdate": null},
                      "prod": {"tags": {"spotfleet:acceptance": "true", "spotfleet:acceptance-created": "%s"}, "config": {}, "resources": 95, "outputs": {}, "lastUpdate": null}}}
                    """.formatted(old, young, cancelled, young, old));
            // when
            var result = standIns.run(Map.of(), "--janitor", "--stack", cancelled, "--region", "eu-west-1", "--account", StandIns.ACCOUNT);
            // then
            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(standIns.stacks()).containsOnlyKeys("acceptance-young", "acceptance-untagged", "prod");
            assertThat(result.output()).contains("destroy acceptance-old", "keep    acceptance-young", "keep    acceptance-untagged",
                            "destroy " + cancelled + ": named with --stack")
                    .doesNotContain("prod:");
        }
    }

    @Test
    void aStackNameIsTakenOnlyByTheJanitorAndOnlyInTheRunsOwnForm(@TempDir Path dir) throws Exception {
        try (var standIns = new StandIns(dir, Map.of())) {
            var withoutJanitor = standIns.run(Map.of(), "--stack", "acceptance-20261207t151500z-0a1b2c", "--region", "eu-west-1",
                    "--account", StandIns.ACCOUNT);
            var foreign = standIns.run(Map.of(), "--janitor", "--stack", "prod", "--region", "eu-west-1", "--account", StandIns.ACCOUNT);
            assertThat(withoutJanitor.exit()).isEqualTo(2);
            assertThat(withoutJanitor.output()).contains("--stack (acceptance-20261207t151500z-0a1b2c) goes with --janitor");
            assertThat(foreign.exit()).isEqualTo(2);
            assertThat(foreign.output()).contains("--stack (prod) is not a name ./acceptance gives its stacks");
            assertThat(withoutJanitor.awsCalls()).isEmpty();
            assertThat(foreign.pulumiCalls()).isEmpty();
        }
    }

    private static String[] withReportDir(StandIns standIns) {
        var args = new java.util.ArrayList<>(List.of(RUN));
        args.addAll(List.of("--report-dir", standIns.report.toString()));
        return args.toArray(String[]::new);
    }

    /** The pulumi sub-commands called, without their arguments ("stack init", "up", ...). */
    /** The actions every statement of the IAM policy at {@code path} allows. */
    private static Set<String> actions(Path path) throws java.io.IOException {
        var actions = new TreeSet<String>();
        com.google.gson.JsonParser.parseString(Files.readString(path)).getAsJsonObject().getAsJsonArray("Statement")
                .forEach(statement -> {
                    var action = statement.getAsJsonObject().get("Action");
                    if (action.isJsonArray()) {
                        action.getAsJsonArray().forEach(one -> actions.add(one.getAsString()));
                    } else {
                        actions.add(action.getAsString());
                    }
                });
        return actions;
    }

    private static List<String> commands(List<String> calls) {
        return calls.stream().map(call -> {
            var words = call.split(" ");
            return switch (words[0]) {
                case "stack", "config" -> words.length > 2 && words[1].equals("tag") ? String.join(" ", words[0], words[1], words[2])
                        : words[0] + " " + words[1];
                default -> words[0];
            };
        }).toList();
    }
}
