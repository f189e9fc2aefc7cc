package spotfleet.infra.components;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.*;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadBalancerTest {

    DeclaredStack stack;

    @BeforeEach
    void declare() {
        stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.withDefaults());
    }

    @Test
    void theAlbIsInternetFacingInThePublicSubnetsAndDropsInvalidHeaders() {
        // given / when
        var alb = stack.one(LOAD_BALANCER, "loadbalancer-alb");
        // then
        assertThat(input(alb, "loadBalancerType")).isEqualTo("application");
        assertThat(input(alb, "internal")).isEqualTo(false);
        assertThat(input(alb, "subnets")).isEqualTo(List.of(
                stack.one(SUBNET, "network-public-0").id(), stack.one(SUBNET, "network-public-1").id()));
        assertThat(input(alb, "securityGroups")).isEqualTo(List.of(stack.one(SECURITY_GROUP, "loadbalancer-sg").id()));
        assertThat(input(alb, "dropInvalidHeaderFields")).isEqualTo(true);
        assertThat(input(alb, "enableDeletionProtection")).isEqualTo(false);
    }

    @Test
    void itsSecurityGroupAdmitsHttpFromAnywhereAndNothingElse() {
        // given
        var sg = stack.one(SECURITY_GROUP, "loadbalancer-sg");
        // when
        var ingress = stack.securityGroupRules(INGRESS_RULE, sg.id());
        // then
        assertThat(sg.inputs()).doesNotContainKeys("ingress", "egress"); // rules are separate resources
        assertThat(input(sg, "vpcId")).isEqualTo(stack.one(VPC, "network-vpc").id());
        assertThat(ingress).containsExactly(Map.of(
                "ipProtocol", "tcp", "fromPort", 80.0, "toPort", 80.0, "cidrIpv4", "0.0.0.0/0"));
    }

    @Test
    void itsSecurityGroupSendsOnlyToTheInstancesOnTheirEphemeralPorts() {
        // given
        var sg = stack.one(SECURITY_GROUP, "loadbalancer-sg");
        // when
        var egress = stack.securityGroupRules(EGRESS_RULE, sg.id());
        // then
        assertThat(egress).containsExactly(Map.of("ipProtocol", "tcp", "fromPort", 32768.0, "toPort", 65535.0,
                "referencedSecurityGroupId", stack.one(SECURITY_GROUP, "capacity-sg").id()));
    }

    @Test
    void theHttpListenerIsOnPort80AndAnswers404UnlessARuleMatches() {
        // given / when
        var listener = stack.one(LISTENER, "loadbalancer-http");
        // then
        assertThat(input(listener, "loadBalancerArn")).isEqualTo(DeclaredStack.output(stack.one(LOAD_BALANCER, "loadbalancer-alb"), "arn"));
        assertThat(input(listener, "port")).isEqualTo(80.0);
        assertThat(input(listener, "protocol")).isEqualTo("HTTP");
        assertThat(input(listener, "defaultActions.0.type")).isEqualTo("fixed-response");
        assertThat(input(listener, "defaultActions.0.fixedResponse.statusCode")).isEqualTo("404");
    }

    @Test
    void withoutADomainThereIsNoCertificateNoDnsRecordAndNoHttpsListener() {
        // given the defaults: no domainName
        // when / then
        assertThat(stack.all(CERTIFICATE)).isEmpty();
        assertThat(stack.all(DNS_RECORD)).isEmpty();
        assertThat(stack.all(LISTENER)).extracting(l -> input(l, "protocol")).containsExactly("HTTP");
        assertThat(stack.invokes(GET_ZONE)).isEmpty();
        assertThat(stack.stackOutput("url")).isEqualTo("http://" + DeclaredStack.output(stack.one(LOAD_BALANCER, "loadbalancer-alb"), "dnsName"));
    }
}
