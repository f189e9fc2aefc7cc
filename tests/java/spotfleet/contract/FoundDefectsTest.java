package spotfleet.contract;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defects the contract check found in the program, each fixed: the test fails if the old value comes back.
 */
class FoundDefectsTest {

    /** Before the fix: "Internet-facing load balancer: HTTP in from anywhere, out only to the service's instances". */
    @Test
    void theLoadBalancerSecurityGroupDescriptionHasOnlyCharactersEc2Accepts() {
        // given every stack's load balancer security group, and the old description
        var check = ContractCheck.standard();
        var groups = ContractStacks.all().stream().map(stack -> ContractMutationTest.only(stack, stack.resources().stream()
                .filter(r -> r.name().equals("loadbalancer-sg")).findFirst().orElseThrow())).toList();
        var dev = groups.stream().filter(stack -> stack.stack().equals("dev")).findFirst().orElseThrow();
        var old = PlanMutations.set(dev.resources().getLast(), "description",
                "Internet-facing load balancer: HTTP in from anywhere, out only to the service's instances");

        // when each is checked
        var now = check.run(groups).findings();
        var before = check.run(List.of(ContractMutationTest.only(dev, old))).findings();

        // then today's passes in every stack, and the old one fails on its apostrophe, as CreateSecurityGroup would
        assertThat(now).isEmpty();
        assertThat(before).singleElement().hasToString("dev: aws:ec2/securityGroup:SecurityGroup loadbalancer-sg: "
                + "description → ec2 CreateSecurityGroup.Description: character \"'\" not allowed "
                + "(EC2 allows a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*)");
    }

    /**
     * Before the fix the offline plan showed names the program sets (alarm names, the KMS alias, the custom domain) as
     * {@code <computed>}, so nothing could check them against AWS's rules.
     */
    @Test
    void namesTheProgramSetsAreInThePlanToBeChecked() {
        // given / when
        var prod = ContractStacks.named("prod");
        var zoneName = ContractStacks.named("all-features-zone-name");
        // then
        assertThat(input(prod, "alarms-p99-latency", "name")).isEqualTo("spotfleet-prod-p99-latency");
        assertThat(input(prod, "alerts-key-alias", "name")).isEqualTo("alias/spotfleet-prod-alerts");
        assertThat(input(zoneName, "https-cert", "domainName")).isEqualTo("app.example.com");
        assertThat(input(zoneName, "https-alias", "name")).isEqualTo("app.example.com");
    }

    private static Object input(PlannedStack stack, String resource, String path) {
        return stack.resources().stream().filter(r -> r.name().equals(resource)).findFirst().orElseThrow().input(path).orElseThrow();
    }
}
