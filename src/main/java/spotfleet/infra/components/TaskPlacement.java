package spotfleet.infra.components;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import spotfleet.infra.config.Architecture;

import java.util.List;
import java.util.Optional;

/**
 * Where the tasks run, decided once in SpotfleetStack (which capacity component it declares): what that asks of the task
 * definition, the service, the target group and the image. {@link Platform} adds what watches that capacity.
 */
public sealed interface TaskPlacement {

    /** What provides the capacity; the ECS service is created after it. */
    Resource capacity();

    /** What the image is built for, and what a promoted image must match. */
    ImagePlatform imagePlatform();

    /**
     * The tasks' CPU architecture, and where it comes from (named when a promoted image does not match it).
     *
     * @param source the config that decides it, as the mismatch message says it
     */
    record ImagePlatform(Architecture architecture, String source) {
        static ImagePlatform onInstances(Architecture architecture, List<String> instanceTypes) {
            return new ImagePlatform(architecture, "this stack's instanceTypes are %s (%s)".formatted(architecture.label(),
                    String.join(", ", instanceTypes)));
        }

        static ImagePlatform onFargate(Architecture architecture) {
            return new ImagePlatform(architecture, "this stack runs on Fargate as %s (spotfleet:fargateArchitecture)"
                    .formatted(architecture.label()));
        }
    }

    /** {@code bridge} on instances, {@code awsvpc} on Fargate: the task definition's network mode. */
    default String networkMode() {
        return this instanceof OnFargate ? "awsvpc" : "bridge";
    }

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
     * @param instanceTypes the types the groups launch, all of {@code architecture}
     */
    record OnInstances(Capacity capacity, List<String> instanceTypes, Architecture architecture) implements TaskPlacement {
        public static final int MINIMUM_HEALTHY_PERCENT = 50;

        /** The capacity provider strategy to place tasks with; empty places them with launch type EC2. */
        public Optional<CapacityStrategy> strategy() {
            return capacity.strategy;
        }

        @Override
        public ImagePlatform imagePlatform() {
            return ImagePlatform.onInstances(architecture, instanceTypes);
        }

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
    record OnFargate(FargateCapacity capacity, Output<List<String>> subnetIds, boolean publicIp, int onDemandTasks,
                     Architecture architecture) implements TaskPlacement {

        /** The tasks' own security group, which admits the load balancer only. */
        public Output<String> securityGroupId() {
            return capacity.securityGroupId;
        }

        @Override
        public ImagePlatform imagePlatform() {
            return ImagePlatform.onFargate(architecture);
        }

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
