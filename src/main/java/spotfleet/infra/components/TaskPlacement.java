package spotfleet.infra.components;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import spotfleet.infra.config.Architecture;

import java.util.List;
import java.util.Optional;

/** Where {@link WebService} places its tasks, and what that asks of the task definition, the service and the target group. */
public sealed interface TaskPlacement {

    /** What provides the capacity; the ECS service is created after it. */
    Resource capacity();

    /**
     * The service's {@code deploymentMinimumHealthyPercent}: on instances 50, so that a Spot instance's tasks can stop
     * as soon as the instance is DRAINING; on Fargate 100 (see each record).
     */
    int minimumHealthyPercent();

    /**
     * On the stack's EC2 instances ({@link Capacity}), in {@code bridge} mode: targets are instance:host-port pairs.
     *
     * On an interrupted instance the agent sets the instance DRAINING, and then "Service tasks on the container instance
     * that are in the RUNNING state are stopped and replaced according to the service's deployment configuration
     * parameters, minimumHealthyPercent and maximumPercent ... If the minimum is 100%, the service scheduler can't remove
     * existing tasks until the replacement tasks are considered healthy" (botocore ecs 2014-11-13,
     * UpdateContainerInstancesState). At 100% the tasks of an instance that dies in two minutes would wait for their
     * replacements, and die still registered with the load balancer when no room is free. At 50% the scheduler may
     * stop them at once, as long as half the desired count stays healthy: one Spot instance never holds more than that
     * (docs/interruption-timeline.md, and its budget test).
     *
     * @param strategy the capacity provider strategy to place tasks with; empty places them with launch type EC2
     */
    record OnInstances(Optional<CapacityStrategy> strategy, Resource capacity) implements TaskPlacement {
        public static final int MINIMUM_HEALTHY_PERCENT = 50;

        @Override
        public int minimumHealthyPercent() {
            return MINIMUM_HEALTHY_PERCENT;
        }
    }

    /**
     * On Fargate ({@link FargateCapacity}), in {@code awsvpc} mode: each task its own interface in the private subnets,
     * with no public IP, behind its own security group; targets are the tasks' IP addresses. With {@code natGateways:
     * none} the subnets are the public ones and each task gets a public IP, its only way out (ECR, logs).
     *
     * @param publicIp      the tasks get a public IPv4 address (no NAT gateway)
     * @param onDemandTasks the strategy's base on {@code FARGATE}; the rest go to {@code FARGATE_SPOT}
     * @param architecture  the task definition's runtime platform (the image is built for the same)
     */
    record OnFargate(Output<List<String>> subnetIds, boolean publicIp, Output<String> securityGroupId, int onDemandTasks,
                     Architecture architecture, Resource capacity) implements TaskPlacement {
        /**
         * Fargate Spot stops the task itself (SIGTERM with the notice) and the scheduler replaces it whatever the
         * minimum, so the minimum only shapes deploys: new tasks turn healthy before old ones stop.
         */
        @Override
        public int minimumHealthyPercent() {
            return 100;
        }
    }
}
