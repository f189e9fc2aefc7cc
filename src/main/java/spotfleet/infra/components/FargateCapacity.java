package spotfleet.infra.components;

import com.pulumi.aws.ecs.ClusterCapacityProviders;
import com.pulumi.aws.ecs.ClusterCapacityProvidersArgs;
import com.pulumi.aws.ecs.inputs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
     * One entry of a capacity provider strategy.
     *
     * @param base   tasks that always run on this provider before the weights apply; empty: none (only one entry may set it)
     * @param weight this provider's share of the tasks above the base
     */
    public record StrategyItem(String capacityProvider, Optional<Integer> base, int weight) {
    }

    /**
     * @param containerPort the port the load balancer reaches each task on (awsvpc: the container's own port)
     */
    public record Args(Output<String> clusterName, Output<String> vpcId, Output<String> loadBalancerSecurityGroupId,
                       int containerPort, int onDemandTasks) {
    }

    @Export(name = "securityGroupId", refs = String.class)
    public final Output<String> securityGroupId;

    public FargateCapacity(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:FargateCapacity", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        new ClusterCapacityProviders(name + "-cluster-providers", ClusterCapacityProvidersArgs.builder()
                .clusterName(args.clusterName())
                .capacityProviders(FARGATE, FARGATE_SPOT)
                .defaultCapacityProviderStrategies(strategy(args.onDemandTasks()).stream()
                        .map(item -> {
                            var entry = ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs.builder()
                                    .capacityProvider(item.capacityProvider())
                                    .weight(item.weight());
                            item.base().ifPresent(entry::base);
                            return entry.build();
                        })
                        .toList())
                .build(), child);

        // The load balancer's egress follows the tasks: their container port only, not Capacity's ephemeral range.
        var securityGroup = new ReachableFromLoadBalancer(name + "-tasks-sg", name + "-alb-to-tasks",
                "Fargate tasks of the web service: the container port from the load balancer only",
                "The container port from the load balancer", "Requests and health checks to the container port of the Fargate tasks",
                args.containerPort(), args.containerPort())
                .declare(name, args.vpcId(), args.loadBalancerSecurityGroupId(), child);

        this.securityGroupId = securityGroup.id();
        registerOutputs(Map.of("securityGroupId", securityGroupId));
    }

    /**
     * The strategy the service places its tasks with: {@code onDemandTasks} on {@code FARGATE} as the base, with weight
     * 0 so that no task above the base goes there, and every other task on {@code FARGATE_SPOT} (weight 1). AWS Copilot
     * writes the same strategy for its "spot_from" setting (aws/copilot-cli internal/pkg/deploy/cloudformation/stack/
     * transformers.go, convertCapacityProviders: FARGATE with Base spotFrom - 1 and Weight 0, FARGATE_SPOT Weight 1).
     * With no on-demand tasks {@code FARGATE} is left out, as Copilot does too: the strategy is Spot alone.
     */
    public static List<StrategyItem> strategy(int onDemandTasks) {
        var items = new ArrayList<StrategyItem>();
        if (onDemandTasks > 0) {
            items.add(new StrategyItem(FARGATE, Optional.of(onDemandTasks), 0));
        }
        items.add(new StrategyItem(FARGATE_SPOT, Optional.empty(), 1));
        return List.copyOf(items);
    }
}
