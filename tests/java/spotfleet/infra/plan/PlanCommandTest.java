package spotfleet.infra.plan;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanCommandTest {

    /** What one run printed and how it exited. */
    record Run(int exitCode, String out, String err) {
    }

    static final String BROKEN_STACK = """
            config:
              aws:region: eu-west-1
              spotfleet:minInstances: 5
              spotfleet:maxInstances: 2
              spotfleet:instanceTypes: t3.micro
              spotfleet:instanceCount: 3
              spotfleet:natGateways: twoPerAz
              taskMemory: 1024
            """;

    @TempDir
    Path project;

    @Test
    void aBrokenStackFileGetsEveryConfigProblemAndExitCode1() throws IOException {
        // given a stack file with five mistakes
        givenStackFile("broken", BROKEN_STACK);

        // when
        var run = run("broken", "--dir", project.toString());

        // then: each named with its key and value, nothing evaluated, nothing printed as a plan
        assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("Pulumi.broken.yaml: 5 config problems, so nothing was evaluated:")
                .contains("spotfleet:minInstances (5) must be <= spotfleet:maxInstances (2)")
                .contains("spotfleet:instanceTypes (t3.micro) must be a list of strings")
                .contains("spotfleet:instanceCount is not a config key of this program")
                .contains("spotfleet:natGateways (twoPerAz) must be one of single, perAz")
                .contains("taskMemory (in Pulumi.broken.yaml) has no namespace: Pulumi stack files write spotfleet:taskMemory")
                .doesNotContain("Resources:");
    }

    @Test
    void theJsonOfABrokenStackFileListsTheSameProblems() throws IOException {
        // given
        givenStackFile("broken", BROKEN_STACK);

        // when
        var run = run("broken", "--json", "--dir", project.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID);
        var json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(json.get("valid").getAsBoolean()).isFalse();
        assertThat(json.getAsJsonArray("problems")).hasSize(5);
        assertThat(json.getAsJsonArray("resources")).isEmpty();
    }

    @Test
    void costPrintsEveryLineTheTotalTheOnDemandComparisonAndTheAssumptions() {
        // given the committed dev stack
        // when
        var run = run("dev", "--cost");

        // then
        assertThat(run.exitCode()).isEqualTo(PlanCommand.OK);
        assertThat(run.out()).contains("Monthly cost estimate of stack dev in eu-west-1", "not a measured bill",
                "loadbalancer-alb", "Spot t4g.micro", "on-demand t4g.micro", "total a month",
                "the same capacity all on demand (Spot saves $", "Usage assumed", "loadBalancerCapacityUnits = 0.1",
                "Not counted:").doesNotContain("Resources:");
        // each line says its prices came from the file, starred where an entry is unverified, and nothing was read live
        assertThat(run.out()).contains(" file* ", "* rests on a figure of prices.json").doesNotContain(" live ", "Not read live");
    }

    @Test
    void usageWithoutCostIsAUsageError() {
        // when
        var run = run("dev", "--usage", "usage.txt");
        // then
        assertThat(run.exitCode()).isEqualTo(PlanCommand.USAGE);
        assertThat(run.err()).contains("--usage goes with --cost");
        // and --live too, before anything is planned or called
        var live = run("dev", "--live");
        assertThat(live.exitCode()).isEqualTo(PlanCommand.USAGE);
        assertThat(live.err()).contains("--live goes with --cost");
    }

    @Test
    void theJsonPlanParsesAndTellsRealValuesFromComputedOnes() {
        // given the committed dev stack
        // when
        var run = run("dev", "--json");

        // then
        assertThat(run.exitCode()).isEqualTo(PlanCommand.OK);
        var json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(json.get("notice").getAsString()).contains("not a diff against AWS");
        var resources = json.getAsJsonArray("resources").asList().stream().map(r -> r.getAsJsonObject()).toList();
        var provider = resources.stream().filter(r -> r.get("type").getAsString().equals("pulumi:providers:aws")).findFirst().orElseThrow();
        var vpc = resources.stream().filter(r -> r.get("type").getAsString().equals("aws:ec2/vpc:Vpc")).findFirst().orElseThrow();
        var subnet = resources.stream().filter(r -> r.get("type").getAsString().equals("aws:ec2/subnet:Subnet")).findFirst().orElseThrow();
        // the stack's own values are shown as they are...
        assertThat(provider.getAsJsonObject("inputs").get("region").getAsString()).isEqualTo("eu-west-1");
        assertThat(vpc.getAsJsonObject("inputs").get("cidrBlock").getAsString()).isEqualTo("10.0.0.0/16");
        // ...what only AWS knows is marked: the VPC's id, the zone AWS lists first
        assertThat(subnet.getAsJsonObject("inputs").get("vpcId").getAsString()).isEqualTo(ComputedValues.MARKER);
        assertThat(subnet.getAsJsonObject("inputs").get("availabilityZone").getAsString()).isEqualTo(ComputedValues.MARKER);
        assertThat(json.getAsJsonObject("outputs").get("url").getAsString()).isEqualTo("http://" + ComputedValues.MARKER);
    }

    static final String ACCOUNT_STACK = """
            config:
              aws:region: eu-west-1
              aws:allowedAccountIds: ["111122223333"]
              aws:assumeRole:
                roleArn: arn:aws:iam::111122223333:role/deploy
                sessionName: pulumi
              aws:skipMetadataApiCheck: false
              aws:maxRetries: 5
              aws:endpoints:
                - sts: https://sts.eu-west-1.amazonaws.com
              aws:accessKey: AKIAIOSFODNN7EXAMPLE
              aws:secretKey: wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY
            """;

    @Test
    void theTextPlanShowsTheAwsSettingsOnTheProviderAndHidesItsSecrets() throws IOException {
        // given a stack that guards its account, assumes a role and (unwisely) holds keys in plain text
        givenStackFile("acct", ACCOUNT_STACK);

        // when
        var run = run("acct", "--dir", project.toString());

        // then: in the config and on the provider, under the provider's own names
        assertThat(run.exitCode()).as(run.err()).isEqualTo(PlanCommand.OK);
        assertThat(run.out())
                .containsPattern("aws:allowedAccountIds +\\[111122223333] +stack")
                .containsPattern("aws:accessKey +\\[secret] +stack")
                .contains("allowedAccountIds = [111122223333]")
                .contains("assumeRole.roleArn = arn:aws:iam::111122223333:role/deploy")
                .contains("assumeRole.sessionName = pulumi")
                .contains("skipMetadataApiCheck = false")
                .contains("endpoints[0].sts = https://sts.eu-west-1.amazonaws.com")
                .contains("accessKey = [secret]")
                .contains("secretKey = [secret]")
                .doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void theJsonPlanShowsTheAwsSettingsOnTheProviderAndHidesItsSecrets() throws IOException {
        // given
        givenStackFile("acct", ACCOUNT_STACK);

        // when
        var run = run("acct", "--json", "--dir", project.toString());

        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(PlanCommand.OK);
        assertThat(run.out()).doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain("wJalrXUtnFEMI");
        var json = JsonParser.parseString(run.out()).getAsJsonObject();
        var provider = json.getAsJsonArray("resources").asList().stream().map(r -> r.getAsJsonObject())
                .filter(r -> r.get("type").getAsString().equals("pulumi:providers:aws")).findFirst().orElseThrow()
                .getAsJsonObject("inputs");
        assertThat(provider.get("allowedAccountIds").getAsString()).isEqualTo("[\"111122223333\"]");
        assertThat(JsonParser.parseString(provider.get("assumeRole").getAsString()).getAsJsonObject().get("roleArn").getAsString())
                .isEqualTo("arn:aws:iam::111122223333:role/deploy");
        assertThat(provider.get("accessKey").getAsString()).isEqualTo("[secret]");
        assertThat(provider.get("secretKey").getAsString()).isEqualTo("[secret]");
        var config = json.getAsJsonArray("config").asList().stream().map(c -> c.getAsJsonObject())
                .filter(c -> c.get("key").getAsString().startsWith("aws:")).map(c -> c.get("key").getAsString()).toList();
        assertThat(config).containsExactly("aws:accessKey", "aws:allowedAccountIds", "aws:assumeRole", "aws:endpoints",
                "aws:maxRetries", "aws:region", "aws:secretKey", "aws:skipMetadataApiCheck");
    }

    @Test
    void aStackFileThatIsNotYamlIsAnInvalidStackFileAndExits1() throws IOException {
        // given
        givenStackFile("broken", "config:\n  aws:region: [eu-west-1\n");
        // when
        var run = run("broken", "--dir", project.toString());
        // then: README says an invalid stack file exits 1; 2 is for a wrong command line or stack name
        assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID);
        assertThat(run.err()).contains("plan: Pulumi.broken.yaml is not valid YAML");
    }

    @Test
    void silentlyAcceptedMistakesAreRefusedAndExit1() throws IOException {
        // given four stack files a newcomer might write
        givenStackFile("flat", "aws:region: eu-west-1\nspotfleet:instanceTypes: [t4g.small]\n");
        givenStackFile("empty", "");
        givenStackFile("noregion", "config:\n  spotfleet:instanceTypes: [t4g.small]\n");
        givenStackFile("typo", "config:\n  aws:region: eu-wset-1\n  spotfleet:instanceType: [t4g.small]\n");
        // when
        var flat = run("flat", "--dir", project.toString());
        var empty = run("empty", "--dir", project.toString());
        var noRegion = run("noregion", "--dir", project.toString());
        var typo = run("typo", "--dir", project.toString());
        // then: each refused, naming the problem and the fix
        assertThat(List.of(flat, empty, noRegion, typo)).allSatisfy(run -> {
            assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID);
            assertThat(run.out()).isEmpty();
        });
        assertThat(flat.err()).contains("did you mean to put aws:region under config:?");
        assertThat(empty.err()).contains("Pulumi.empty.yaml is empty");
        assertThat(noRegion.err()).contains("aws:region is not set");
        assertThat(typo.err()).contains("aws:region (eu-wset-1) is not an AWS region: did you mean eu-west-1?")
                .contains("spotfleet:instanceType is not a config key of this program: did you mean spotfleet:instanceTypes?");
    }

    @Test
    void anUnknownAwsKeyStopsThePlanNamingTheKeyAndTheCloseMatch() throws IOException {
        // given
        givenStackFile("typo", "config:\n  aws:region: eu-west-1\n  aws:allowedAcountIds: [\"111122223333\"]\n");
        // when
        var run = run("typo", "--dir", project.toString());
        // then
        assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID);
        assertThat(run.err()).contains("aws:allowedAcountIds is not a setting of the AWS provider (pulumi-aws 6.83.0):"
                + " did you mean aws:allowedAccountIds?");
    }

    @Test
    void aStackWithoutItsFileIsAUsageErrorNamingTheStacksThereAre() throws IOException {
        // given a project with only a dev stack
        givenStackFile("dev", "config: {}\n");
        // when
        var run = run("staging", "--dir", project.toString());
        // then
        assertThat(run.exitCode()).isEqualTo(PlanCommand.USAGE);
        assertThat(run.err()).contains("Pulumi.staging.yaml not found").contains("(stacks there: dev)");
    }

    @Test
    void noStackOrAnUnknownOptionIsAUsageError() {
        // given / when
        var none = run();
        var unknown = run("dev", "--yaml");
        // then
        assertThat(none.exitCode()).isEqualTo(PlanCommand.USAGE);
        assertThat(none.err()).contains("which stack?").contains("usage: ./plan <stack>");
        assertThat(unknown.exitCode()).isEqualTo(PlanCommand.USAGE);
        assertThat(unknown.err()).contains("unknown option --yaml");
    }

    @Test
    void formatDotPrintsTheArchitectureGraphAndFormatJsonTheJson() {
        // given / when
        var dot = run("dev", "--format", "dot");
        var json = run("dev", "--format", "json");
        var text = run("dev", "--format", "text");
        // then
        assertThat(dot.exitCode()).isEqualTo(PlanCommand.OK);
        assertThat(dot.out()).startsWith("// The architecture of stack spotfleet-dev").contains("digraph \"spotfleet-dev\" {")
                .endsWith("}\n");
        assertThat(JsonParser.parseString(json.out()).getAsJsonObject().get("stack").getAsString()).isEqualTo("dev");
        assertThat(text.out()).startsWith("Offline plan of stack dev");
    }

    @Test
    void theDotOfABrokenStackIsItsProblemsOnStderr() throws IOException {
        // given
        givenStackFile("broken", BROKEN_STACK);
        // when
        var run = run("broken", "--format", "dot", "--dir", project.toString());
        // then
        assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("5 config problems").doesNotContain("digraph");
    }

    @Test
    void anUnknownOrMissingFormatIsAUsageError() {
        // given / when
        var unknown = run("dev", "--format", "svg");
        var missing = run("dev", "--format");
        // then
        assertThat(unknown.exitCode()).isEqualTo(PlanCommand.USAGE);
        assertThat(unknown.err()).contains("--format svg is not one of text, json, dot");
        assertThat(missing.exitCode()).isEqualTo(PlanCommand.USAGE);
        assertThat(missing.err()).contains("--format needs one of text, json, dot");
    }

    private void givenStackFile(String stack, String content) throws IOException {
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(project.resolve("Pulumi." + stack + ".yaml"), content);
    }

    static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var exitCode = PlanCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
