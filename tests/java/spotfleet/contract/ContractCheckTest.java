package spotfleet.contract;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the check records about a stack besides findings: the coverage report's inputs. */
class ContractCheckTest {

    @Test
    void coverageRecordsStacksRequestsComponentsAndWhatIsNotSent() {
        // given a small stack: a provider with default tags, a component, a Docker image and a load balancer
        var stack = new PlannedStack("unit", "Pulumi.unit.yaml", List.of(
                new PlanResource("unit", PlannedStack.AWS_PROVIDER, "aws", "resource",
                        Map.of("defaultTags", "{\"tags\":{\"Stack\":\"unit\"}}")),
                new PlanResource("unit", "spotfleet:index:LoadBalancer", "lb", "component", Map.of()),
                new PlanResource("unit", "docker:index/image:Image", "img", "resource", Map.of("imageName", "x")),
                new PlanResource("unit", "aws:lb/loadBalancer:LoadBalancer", "lb-alb", "resource",
                        Map.of("loadBalancerType", "application", "internal", false, "subnets", List.of("<computed>", "<computed>")))));

        // when
        var result = ContractCheck.standard().run(List.of(stack));

        // then
        var coverage = result.coverage();
        assertThat(result.findings()).isEmpty();
        assertThat(coverage.stacks()).containsExactly("unit (Pulumi.unit.yaml)");
        assertThat(coverage.components()).containsExactly("spotfleet:index:LoadBalancer");
        assertThat(coverage.notAws()).containsOnlyKeys(PlannedStack.AWS_PROVIDER, "docker:index/image:Image");
        assertThat(coverage.requests()).containsEntry("aws:lb/loadBalancer:LoadBalancer", java.util.Set.of("elbv2 CreateLoadBalancer"));
        assertThat(coverage.sources()).containsEntry("aws:lb/loadBalancer:LoadBalancer",
                "hashicorp/terraform-provider-aws internal/service/elbv2/load_balancer.go");
        assertThat(coverage.notSent()).containsEntry("aws:lb/loadBalancer:LoadBalancer",
                Map.of("internal", "false: the provider leaves Scheme out, and ELB's default is internet-facing"));
        assertThat(coverage.total(CheckKind.MAPPING)).isEqualTo(1);
        assertThat(coverage.total(CheckKind.COMPUTED)).isEqualTo(2);
    }

    @Test
    void aDocumentThatIsNotJsonIsOneFinding() {
        // given a role whose trust policy is cut short
        var stack = new PlannedStack("unit", "Pulumi.unit.yaml", List.of(new PlanResource("unit", "aws:iam/role:Role", "r", "resource",
                Map.of("assumeRolePolicy", "{\"Version\":"))));
        // when
        var result = ContractCheck.standard().run(List.of(stack));
        // then
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(CheckKind.JSON);
            assertThat(f.memberPath()).isEqualTo("AssumeRolePolicyDocument");
        });
        assertThat(result.coverage().total(CheckKind.JSON)).isEqualTo(1);
    }

    @Test
    void anUnmappedPropertyIsReportedOnceWhateverItsListLength() {
        // given a property with three items no mapping knows
        var stack = new PlannedStack("unit", "Pulumi.unit.yaml", List.of(new PlanResource("unit", "aws:ec2/eip:Eip", "e", "resource",
                Map.of("domain", "vpc", "futureList", List.of(Map.of("a", 1.0), Map.of("a", 2.0), Map.of("a", 3.0))))));
        // when
        var findings = ContractCheck.standard().run(List.of(stack)).findings();
        // then
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.planPath()).isEqualTo("futureList[].a"));
    }
}
