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
     * On the stack's EC2 instances ({@link Capacity}), in {@code bridge} mode: targets are instance:host-port pairs.
     *
     * @param capacityProvider the capacity provider to place tasks with; empty places them with launch type EC2
     */
    record OnInstances(Optional<Output<String>> capacityProvider, Resource capacity) implements TaskPlacement {
    }

    /**
     * On Fargate ({@link FargateCapacity}), in {@code awsvpc} mode: each task its own interface in the private subnets,
     * with no public IP, behind its own security group; targets are the tasks' IP addresses.
     *
     * @param onDemandTasks the strategy's base on {@code FARGATE}; the rest go to {@code FARGATE_SPOT}
     * @param architecture  the task definition's runtime platform (the image is built for the same)
     */
    record OnFargate(Output<List<String>> subnetIds, Output<String> securityGroupId, int onDemandTasks,
                     Architecture architecture, Resource capacity) implements TaskPlacement {
    }
}
