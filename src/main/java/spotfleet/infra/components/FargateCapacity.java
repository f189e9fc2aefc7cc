package spotfleet.infra.components;

import com.pulumi.aws.ecs.ClusterCapacityProviders;
import com.pulumi.aws.ecs.ClusterCapacityProvidersArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import spotfleet.infra.config.Architecture;

import java.util.Map;

/**
 * Fargate as the cluster's capacity, in place of {@link Capacity}'s instances: the cluster gets the {@code FARGATE} and
 * {@code FARGATE_SPOT} capacity providers (they exist in every account; a cluster only has to be associated with them),
 * with the service's strategy as its default, and the tasks get their own security group, since in {@code awsvpc}
 * mode each task has its own network interface: the container port open to the load balancer's security group only,
 * the load balancer's matching egress rule, and outbound traffic through the NAT gateway.
 */
public final class FargateCapacity extends ComponentResource {

    public static final String FARGATE = "FARGATE";
    public static final String FARGATE_SPOT = "FARGATE_SPOT";

    /**
     * @param network       where the tasks run: the workload subnets, with public IPs when there is no NAT gateway
     * @param containerPort the port the load balancer reaches each task on (awsvpc: the container's own port)
     * @param onDemandTasks tasks always on {@code FARGATE}, the rest on {@code FARGATE_SPOT}
     * @param architecture  the tasks' CPU architecture
     */
    public record Args(Output<String> clusterName, Network network, Output<String> loadBalancerSecurityGroupId,
                       int containerPort, int onDemandTasks, Architecture architecture) {
    }

    @Export(name = "securityGroupId", refs = String.class)
    public final Output<String> securityGroupId;
    /** The service's tasks here: in the workload subnets, behind {@link #securityGroupId}. */
    public final TaskPlacement.OnFargate placement;

    public FargateCapacity(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:FargateCapacity", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        new ClusterCapacityProviders(name + "-cluster-providers", ClusterCapacityProvidersArgs.builder()
                .clusterName(args.clusterName())
                .capacityProviders(FARGATE, FARGATE_SPOT)
                .defaultCapacityProviderStrategies(strategy(args.onDemandTasks()).forCluster())
                .build(), child);

        // The load balancer's egress follows the tasks: their container port only, not Capacity's ephemeral range.
        var securityGroup = new ReachableFromLoadBalancer(name + "-tasks-sg", name + "-alb-to-tasks",
                "Fargate tasks of the web service: the container port from the load balancer only",
                "The container port from the load balancer", "Requests and health checks to the container port of the Fargate tasks",
                args.containerPort(), args.containerPort())
                .declare(name, args.network().vpcId, args.loadBalancerSecurityGroupId(), child);

        this.securityGroupId = securityGroup.id();
        this.placement = new TaskPlacement.OnFargate(this, args.network().workloadSubnetIds, args.network().workloadsGetPublicIps,
                args.onDemandTasks(), args.architecture());
        registerOutputs(Map.of("securityGroupId", securityGroupId));
    }

    /** The strategy the service places its tasks with: {@code onDemandTasks} on {@code FARGATE}, the rest on {@code FARGATE_SPOT}. */
    public static CapacityStrategy strategy(int onDemandTasks) {
        return CapacityStrategy.onDemandBaseThenSpot(onDemandTasks > 0 ? java.util.Optional.of(Output.of(FARGATE))
                : java.util.Optional.empty(), Output.of(FARGATE_SPOT), onDemandTasks);
    }
}
