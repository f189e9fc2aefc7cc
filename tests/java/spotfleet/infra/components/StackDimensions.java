package spotfleet.infra.components;

import spotfleet.infra.DeclaredStack;

import java.util.Map;

import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

/** What each CloudWatch dimension must be for this stack: the values the mock engine gave its resources. */
final class StackDimensions {

    private StackDimensions() {
    }

    static Map<String, Object> of(DeclaredStack stack) {
        return Map.of(
                "LoadBalancer", output(stack.one(LOAD_BALANCER, "loadbalancer-alb"), "arnSuffix"),
                "TargetGroup", output(stack.one(TARGET_GROUP, "web-tg"), "arnSuffix"),
                "ClusterName", output(stack.one(ECS_CLUSTER, "cluster-ecs"), "name"),
                "ServiceName", output(stack.one(ECS_SERVICE, "web-service"), "name"),
                "AutoScalingGroupName", output(stack.one(AUTO_SCALING_GROUP, "capacity-asg"), "name"),
                "FunctionName", output(stack.one(LAMBDA_FUNCTION, "fleetwatch-function"), "name"));
    }
}
