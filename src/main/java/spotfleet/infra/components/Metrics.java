package spotfleet.infra.components;

import com.pulumi.core.Output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CloudWatch metrics the dashboard and the alarms read, each with the dimensions that point it at this
 * stack's resources. One definition per metric, so a dashboard line and an alarm on the same thing cannot drift.
 */
public final class Metrics {

    /** Where {@link FleetWatch} publishes what AWS does not: in-service instances by purchase option, Spot events. */
    static final String FLEET_NAMESPACE = "Spotfleet";
    /** The fixed dimension that splits {@link #IN_SERVICE_ON_DEMAND}, {@link #IN_SERVICE_SPOT} and {@link #IN_SERVICE_OTHER}. */
    static final String PURCHASE_OPTION = "PurchaseOption";

    /** A dimension whose value is one of this stack's resources, as CloudWatch names it. */
    public enum Dimension {
        LOAD_BALANCER("LoadBalancer"),
        TARGET_GROUP("TargetGroup"),
        CLUSTER("ClusterName"),
        SERVICE("ServiceName"),
        AUTO_SCALING_GROUP("AutoScalingGroupName"),
        /** The on-demand group's name, under the same CloudWatch dimension as the Spot group's. */
        ON_DEMAND_GROUP("AutoScalingGroupName"),
        FUNCTION("FunctionName"),
        RULE("RuleName");

        final String cloudWatchName;

        Dimension(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }
    }

    /**
     * This stack's value of each {@link Dimension} it has: ARN suffixes for the load balancer and target group, else
     * names. Each {@link Platform} adds its own (the groups and the fleet watch function, or the task interruption rule);
     * a metric that asks for a dimension the stack lacks is a program error, not an empty value sent to CloudWatch.
     */
    public record DimensionValues(Map<Dimension, String> values) {

        public DimensionValues {
            values = Map.copyOf(values);
        }

        /** The values of {@code outputs}, once all are known. */
        public static Output<DimensionValues> of(Map<Dimension, Output<String>> outputs) {
            var dimensions = List.copyOf(outputs.keySet());
            return Output.all(dimensions.stream().map(outputs::get).toList()).applyValue(resolved -> {
                var values = new LinkedHashMap<Dimension, String>();
                for (int i = 0; i < dimensions.size(); i++) {
                    values.put(dimensions.get(i), resolved.get(i));
                }
                return new DimensionValues(values);
            });
        }

        /** Whether this stack has every dimension of {@code metric}, i.e. the resource the metric is about. */
        boolean covers(Metric metric) {
            return values.keySet().containsAll(metric.dimensions());
        }

        String of(Dimension dimension) {
            var value = values.get(dimension);
            if (value == null) {
                throw new IllegalStateException("this stack has no " + dimension + " to point a metric at");
            }
            return value;
        }
    }

    /**
     * One metric.
     *
     * @param dimensions the dimensions filled in from this stack's resources
     * @param fixed      dimensions with a constant value
     */
    record Metric(String namespace, String name, List<Dimension> dimensions, Map<String, String> fixed) {

        /** The metric's dimensions for this stack, name to value, in a stable order. */
        Map<String, String> dimensions(DimensionValues values) {
            var resolved = new LinkedHashMap<String, String>();
            dimensions.forEach(d -> resolved.put(d.cloudWatchName, values.of(d)));
            resolved.putAll(fixed);
            return resolved;
        }
    }

    private static final List<Dimension> ALB = List.of(Dimension.LOAD_BALANCER);
    private static final List<Dimension> ALB_TARGETS = List.of(Dimension.LOAD_BALANCER, Dimension.TARGET_GROUP);
    private static final List<Dimension> ECS_SERVICE = List.of(Dimension.CLUSTER, Dimension.SERVICE);
    private static final List<Dimension> ASG = List.of(Dimension.AUTO_SCALING_GROUP);

    static final Metric ALB_REQUESTS = alb("RequestCount", ALB);
    static final Metric TARGET_REQUESTS = alb("RequestCount", ALB_TARGETS);
    static final Metric ELB_5XX = alb("HTTPCode_ELB_5XX_Count", ALB);
    static final Metric TARGET_5XX = alb("HTTPCode_Target_5XX_Count", ALB_TARGETS);
    static final Metric TARGET_RESPONSE_TIME = alb("TargetResponseTime", ALB_TARGETS);
    static final Metric HEALTHY_HOSTS = alb("HealthyHostCount", ALB_TARGETS);
    static final Metric UNHEALTHY_HOSTS = alb("UnHealthyHostCount", ALB_TARGETS);
    /** Percent of the CPU and memory the service's tasks reserve. */
    static final Metric SERVICE_CPU = new Metric("AWS/ECS", "CPUUtilization", ECS_SERVICE, Map.of());
    static final Metric SERVICE_MEMORY = new Metric("AWS/ECS", "MemoryUtilization", ECS_SERVICE, Map.of());
    /** Container Insights (on for the cluster) counts tasks; the basic AWS/ECS metrics do not. */
    static final Metric RUNNING_TASKS = new Metric("ECS/ContainerInsights", "RunningTaskCount", ECS_SERVICE, Map.of());
    static final Metric DESIRED_TASKS = new Metric("ECS/ContainerInsights", "DesiredTaskCount", ECS_SERVICE, Map.of());
    /** The group's own count (its enabled metrics), the total of the two below. */
    static final Metric GROUP_IN_SERVICE = new Metric("AWS/AutoScaling", "GroupInServiceInstances", ASG, Map.of());
    /** The on-demand group's in-service instances: FleetWatch counts the Spot group's, where interruptions happen. */
    static final Metric ON_DEMAND_GROUP_IN_SERVICE = new Metric("AWS/AutoScaling", "GroupInServiceInstances",
            List.of(Dimension.ON_DEMAND_GROUP), Map.of());
    static final Metric IN_SERVICE_ON_DEMAND = fleet("InServiceInstances", Map.of(PURCHASE_OPTION, "OnDemand"));
    static final Metric IN_SERVICE_SPOT = fleet("InServiceInstances", Map.of(PURCHASE_OPTION, "Spot"));
    /** Neither on-demand nor Spot: a capacity block, a scheduled or an interruptible capacity reservation instance. */
    static final Metric IN_SERVICE_OTHER = fleet("InServiceInstances", Map.of(PURCHASE_OPTION, "Other"));
    static final Metric SPOT_INTERRUPTION_WARNINGS = fleet("SpotInterruptionWarnings", Map.of());
    static final Metric REBALANCE_RECOMMENDATIONS = fleet("RebalanceRecommendations", Map.of());
    /**
     * Fargate Spot tasks of the cluster that got their interruption warning: the times the {@link SpotAlerts} rule matched
     * an event (AWS/Events {@code TriggeredRules} by {@code RuleName}, "the number of rules that have run and matched with
     * any event", EventBridge user guide, Monitoring Amazon EventBridge).
     */
    static final Metric INTERRUPTED_TASKS = new Metric("AWS/Events", "TriggeredRules", List.of(Dimension.RULE), Map.of());
    /** Runs of the {@link FleetWatch} function that failed: its code, its runtime, a timeout, an AWS call it may not make. */
    static final Metric FLEET_WATCH_ERRORS = new Metric("AWS/Lambda", "Errors", List.of(Dimension.FUNCTION), Map.of());

    private Metrics() {
    }

    private static Metric alb(String name, List<Dimension> dimensions) {
        return new Metric("AWS/ApplicationELB", name, dimensions, Map.of());
    }

    private static Metric fleet(String name, Map<String, String> fixed) {
        return new Metric(FLEET_NAMESPACE, name, ASG, fixed);
    }
}
