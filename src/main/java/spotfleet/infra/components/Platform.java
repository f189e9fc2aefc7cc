package spotfleet.infra.components;

import com.pulumi.core.Output;
import spotfleet.infra.components.Metrics.Dimension;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What watches the stack's Spot capacity, and so which metrics, alarms and dashboard widgets it has. Built once in
 * SpotfleetStack from the {@link TaskPlacement} (the capacity), after the alert topic the fleet watch reports to.
 */
public sealed interface Platform {

    /** The dimensions this platform adds to the service's own (load balancer, target group, cluster, service). */
    Map<Dimension, Output<String>> dimensions();

    /**
     * The stack's instances, and the {@link FleetWatch} function that narrows the account's Spot events to its Spot group
     * and counts its instances.
     */
    record Ec2(Capacity capacity, FleetWatch fleetWatch) implements Platform {
        @Override
        public Map<Dimension, Output<String>> dimensions() {
            var dimensions = new LinkedHashMap<Dimension, Output<String>>();
            dimensions.put(Dimension.AUTO_SCALING_GROUP, capacity.autoScalingGroupName);
            // Without an on-demand group (onDemandTasks: 0) there is nothing to point its dashboard line at.
            capacity.onDemandGroupName.ifPresent(group -> dimensions.put(Dimension.ON_DEMAND_GROUP, group));
            dimensions.put(Dimension.FUNCTION, fleetWatch.functionName);
            return dimensions;
        }
    }

    /** Fargate: the cluster, whose Fargate Spot tasks the alerts watch; its interruption rule comes from {@link SpotAlerts}. */
    record Fargate(FargateCapacity capacity, Output<String> clusterArn) implements Platform {
        @Override
        public Map<Dimension, Output<String>> dimensions() {
            return Map.of();
        }
    }
}
