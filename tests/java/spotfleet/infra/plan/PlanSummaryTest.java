package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan's opening summary says what the declared resources do, read from them, for each kind of stack. */
class PlanSummaryTest {

    @TempDir
    Path project;

    @Test
    void anEc2StackWithADomainAndAnOnDemandShare() throws Exception {
        // given
        var plan = plan("""
                config:
                  aws:region: us-east-2
                  spotfleet:domainName: app.example.com
                  spotfleet:hostedZoneName: example.com
                  spotfleet:instanceTypes: [m7i.large, m6i.large]
                  spotfleet:onDemandTasks: 2
                  spotfleet:minInstances: 2
                  spotfleet:maxInstances: 6
                  spotfleet:serviceMinTasks: 3
                  spotfleet:serviceMaxTasks: 9
                  spotfleet:serviceScalingMetric: requests
                  spotfleet:serviceRequestsPerTarget: 600
                  spotfleet:azCount: 3
                  spotfleet:natGateways: perAz
                  spotfleet:protect: true
                """);
        // when
        var summary = PlanSummary.of(plan);
        // then
        assertThat(summary).extracting(PlanSummary.Line::label)
                .containsExactly("serves", "tasks", "capacity", "capacity", "network", "protected", "cost");
        assertThat(text(summary, "serves")).startsWith("HTTP on port 80").contains("and HTTPS on port 443")
                .contains("of a public Application Load Balancer in us-east-2, as https://app.example.com; health check /healthcheck");
        assertThat(text(summary, "tasks")).isEqualTo("3 to start, scaling 3 to 9 on 600 requests per task per minute,"
                + " 256 CPU units and 256 MiB each, container port 5000");
        assertThat(summary).filteredOn(line -> line.label().equals("capacity")).extracting(PlanSummary.Line::text).containsExactly(
                "EC2 Spot (capacity-optimized), 2 to 6 instances of m7i.large, m6i.large: every other task",
                "EC2 on demand, 0 to 4 instances of m7i.large, m6i.large: the first 2 tasks, which ECS keeps there");
        assertThat(text(summary, "network")).isEqualTo("3 Availability Zones, 3 NAT gateways (one per zone), an S3 gateway endpoint");
        // us-east-2 has no prices in prices.json: the summary says so rather than guessing
        assertThat(text(summary, "cost")).startsWith("no estimate: no price for").contains("us-east-2");
        assertThat(text(summary, "protected")).startsWith("the load balancer's deletion protection is on; pulumi destroy refuses"
                + " to delete ").contains("cluster-images");
    }

    @Test
    void aFargateStackSaysItsProviders() throws Exception {
        // given
        var plan = plan("""
                config:
                  aws:region: eu-west-1
                  spotfleet:runOn: fargate
                  spotfleet:taskMemory: 512
                  spotfleet:fargateOnDemandTasks: 0
                  spotfleet:fargateArchitecture: x86_64
                """);
        // when
        var summary = PlanSummary.of(plan);
        // then
        assertThat(text(summary, "capacity")).isEqualTo("Fargate (X86_64): the first 0 tasks on FARGATE (on demand), the rest on FARGATE_SPOT");
        assertThat(summary).extracting(PlanSummary.Line::label).containsOnlyOnce("capacity");
        assertThat(text(summary, "network")).isEqualTo("2 Availability Zones, 1 NAT gateway (shared by every zone), an S3 gateway endpoint");
        assertThat(text(summary, "protected")).isEqualTo("nothing: pulumi destroy removes everything");
        assertThat(text(summary, "cost")).matches("about \\$\\d+\\.\\d\\d a month at eu-west-1 list prices from the price file \\(\\d+ of its"
                + " \\d+ lines on figures not yet verified against AWS\\), Spot at assumed discounts \\(all on demand: \\$\\d+\\.\\d\\d\\);"
                + " \\./plan \\S+ --cost for every line and assumption");
    }

    @Test
    void theTextPlanOpensWithTheSummaryBeforeTheTree() throws Exception {
        // given
        var plan = plan("config:\n  aws:region: eu-west-1\n");
        // when
        var text = PlanText.render(plan);
        // then
        assertThat(text.lines().skip(2).findFirst()).contains("Summary:");
        assertThat(text.indexOf("  serves     HTTP on port 80")).isPositive().isLessThan(text.indexOf("Resources:"));
        var summary = text.lines().dropWhile(line -> !line.equals("Summary:")).takeWhile(line -> !line.isEmpty()).toList();
        assertThat(summary).hasSizeGreaterThan(5).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    }

    private Plan plan(String stackFile) throws IOException, StackFile.UnreadableException {
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(project.resolve("Pulumi.summary.yaml"), stackFile);
        var plan = Planner.plan(StackFile.read(project, "summary"));
        assertThat(plan.problems()).isEmpty();
        return plan;
    }

    private static String text(List<PlanSummary.Line> summary, String label) {
        return summary.stream().filter(line -> line.label().equals(label)).findFirst().orElseThrow().text();
    }
}
