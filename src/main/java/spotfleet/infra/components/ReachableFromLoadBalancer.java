package spotfleet.infra.components;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * The security group of what the load balancer sends requests to (the instances, or Fargate tasks): it admits the
 * load balancer's group only, on the ports the tasks are reached on; the load balancer's matching egress rule is
 * declared with it, since the two rules open one path together; and out goes through the NAT gateway.
 *
 * @param group             the group's logical name; its {@code Name} tag too
 * @param egressRule        the logical name of the load balancer's egress rule
 * @param description       the group's description (EC2 allows no apostrophe in it)
 * @param ingressDescription the ingress rule's description
 * @param egressDescription the load balancer's egress rule's description
 * @param fromPort          the first port the tasks are reached on
 * @param toPort            the last
 */
record ReachableFromLoadBalancer(String group, String egressRule, String description, String ingressDescription,
                                 String egressDescription, int fromPort, int toPort) {

    /** Declares the group and its three rules ({@code <name>-from-alb}, the egress rule, {@code <name>-all-out}). */
    SecurityGroup declare(String name, Output<String> vpcId, Output<String> loadBalancerSecurityGroupId,
                          CustomResourceOptions options) {
        var securityGroup = new SecurityGroup(group, SecurityGroupArgs.builder()
                .vpcId(vpcId)
                .description(description)
                .tags(Map.of("Name", group))
                .build(), options);
        new SecurityGroupIngressRule(name + "-from-alb", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(securityGroup.id())
                .description(ingressDescription)
                .ipProtocol("tcp")
                .fromPort(fromPort)
                .toPort(toPort)
                .referencedSecurityGroupId(loadBalancerSecurityGroupId)
                .build(), options);
        new SecurityGroupEgressRule(egressRule, SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(loadBalancerSecurityGroupId)
                .description(egressDescription)
                .ipProtocol("tcp")
                .fromPort(fromPort)
                .toPort(toPort)
                .referencedSecurityGroupId(securityGroup.id())
                .build(), options);
        // Out through the NAT gateway: ECR, ECS, CloudWatch Logs (and SSM, for instances).
        new SecurityGroupEgressRule(name + "-all-out", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(securityGroup.id())
                .description("AWS APIs and image pulls through the NAT gateway")
                .ipProtocol("-1")
                .cidrIpv4("0.0.0.0/0")
                .build(), options);
        return securityGroup;
    }
}
