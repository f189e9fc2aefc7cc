package spotfleet.infra.components;

import com.pulumi.aws.ecs.inputs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs;
import com.pulumi.aws.ecs.inputs.ServiceCapacityProviderStrategyArgs;
import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where ECS places the service's tasks: {@code onDemandTasks} on the on-demand provider as the strategy's base, with
 * weight 0 so that no task above the base goes there, and every other task on the Spot provider (weight 1). The same
 * shape on EC2 (the stack's two capacity providers) and on Fargate ({@code FARGATE} and {@code FARGATE_SPOT}).
 * <p>
 * ECS itself keeps the base: "The base value designates how many tasks, at a minimum, to run on the specified capacity
 * provider for each service ... Base requirements are satisfied first before weight distribution" (botocore ecs
 * 2014-11-13, CapacityProviderStrategyItem.base). AWS Copilot writes this strategy for its "spot_from" setting
 * (aws/copilot-cli internal/pkg/deploy/cloudformation/stack/transformers.go, convertCapacityProviders: FARGATE with Base
 * spotFrom - 1 and Weight 0, FARGATE_SPOT Weight 1). With no on-demand tasks the on-demand provider is left out, as
 * Copilot does too: the strategy is Spot alone.
 *
 * @param items the strategy's entries, the on-demand one (if any) first
 */
public record CapacityStrategy(List<Item> items) {

    /**
     * One entry of a capacity provider strategy.
     *
     * @param base   tasks that always run on this provider before the weights apply; empty: none (only one entry may set it)
     * @param weight this provider's share of the tasks above the base
     */
    public record Item(Output<String> capacityProvider, Optional<Integer> base, int weight) {
    }

    public CapacityStrategy {
        items = List.copyOf(items);
    }

    /**
     * {@code onDemandTasks} on {@code onDemand}, the rest on {@code spot}. A stack with no on-demand tasks has no on-demand
     * provider to name, and one with on-demand tasks must have one.
     */
    public static CapacityStrategy onDemandBaseThenSpot(Optional<Output<String>> onDemand, Output<String> spot, int onDemandTasks) {
        if (onDemand.isPresent() != onDemandTasks > 0) {
            throw new IllegalArgumentException("an on-demand capacity provider goes with on-demand tasks, and only with them: "
                    + onDemandTasks + " on-demand tasks, provider " + (onDemand.isPresent() ? "given" : "missing"));
        }
        var items = new ArrayList<Item>();
        onDemand.ifPresent(provider -> items.add(new Item(provider, Optional.of(onDemandTasks), 0)));
        items.add(new Item(spot, Optional.empty(), 1));
        return new CapacityStrategy(items);
    }

    /** The strategy as the ECS service takes it. */
    List<ServiceCapacityProviderStrategyArgs> forService() {
        return items.stream().map(item -> {
            var entry = ServiceCapacityProviderStrategyArgs.builder()
                    .capacityProvider(item.capacityProvider())
                    .weight(item.weight());
            item.base().ifPresent(entry::base);
            return entry.build();
        }).toList();
    }

    /** The same strategy as the cluster's default, for tasks started without one (a one-off RunTask, say). */
    List<ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs> forCluster() {
        return items.stream().map(item -> {
            var entry = ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs.builder()
                    .capacityProvider(item.capacityProvider())
                    .weight(item.weight());
            item.base().ifPresent(entry::base);
            return entry.build();
        }).toList();
    }
}
