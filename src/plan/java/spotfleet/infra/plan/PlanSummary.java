package spotfleet.infra.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a person reads first, in ten seconds: what the stack serves and where, how many tasks and on what capacity,
 * the network's size and what a destroy would leave. Read from the planned resources by their types and inputs (the
 * same values the tree below shows), not from the config, so it says what the program declares; a line whose
 * resources a stack does not declare is left out.
 */
final class PlanSummary {

    /** One line: a short label and what it says. */
    record Line(String label, String text) {
    }

    private static final String LISTENER = "aws:lb/listener:Listener";
    private static final String LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
    private static final String TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
    private static final String SERVICE = "aws:ecs/service:Service";
    private static final String TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
    private static final String SCALING_TARGET = "aws:appautoscaling/target:Target";
    private static final String SCALING_POLICY = "aws:appautoscaling/policy:Policy";
    private static final String AUTO_SCALING_GROUP = "aws:autoscaling/group:Group";
    private static final String NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
    /** Application Auto Scaling's predefined metrics, as a person says them. */
    private static final Map<String, String> METRICS = Map.of(
            "ECSServiceAverageCPUUtilization", "average CPU at %s%%",
            "ECSServiceAverageMemoryUtilization", "average memory at %s%%",
            "ALBRequestCountPerTarget", "%s requests per task per minute");

    private final Plan plan;

    private PlanSummary(Plan plan) {
        this.plan = plan;
    }

    static List<Line> of(Plan plan) {
        var summary = new PlanSummary(plan);
        var lines = new ArrayList<Line>();
        summary.serves().ifPresent(text -> lines.add(new Line("serves", text)));
        summary.tasks().ifPresent(text -> lines.add(new Line("tasks", text)));
        summary.capacity().forEach(text -> lines.add(new Line("capacity", text)));
        summary.network().ifPresent(text -> lines.add(new Line("network", text)));
        lines.add(new Line("protected", summary.protectedResources()));
        lines.add(new Line("cost", CostText.summaryLine(plan)));
        return lines;
    }

    /** The listeners' protocols and ports, the domain, the region and the health check. */
    private Optional<String> serves() {
        var listeners = all(LISTENER).stream().map(listener -> {
            var text = first(listener, "protocol").orElse("?") + " on port " + first(listener, "port").orElse("?");
            return KeySettings.values(listener.inputs(), "defaultActions[*].type").toString().contains("redirect")
                    ? text + " (redirects to HTTPS)" : text;
        }).toList();
        if (listeners.isEmpty()) {
            return Optional.empty();
        }
        var loadBalancer = one(LOAD_BALANCER);
        var visibility = loadBalancer.flatMap(lb -> first(lb, "internal")).map(internal -> internal.equals("true") ? "an internal" : "a public")
                .orElse("an");
        var where = config("aws:region").map(region -> " in " + region).orElse("");
        var domain = config("spotfleet:domainName").filter(name -> !name.isEmpty()).map(name -> ", as https://" + name).orElse("");
        var health = one(TARGET_GROUP).flatMap(tg -> first(tg, "healthCheck.path")).map(path -> "; health check " + path).orElse("");
        return Optional.of("%s of %s Application Load Balancer%s%s%s".formatted(String.join(" and ", listeners), visibility, where,
                domain, health));
    }

    /** How many tasks start, their scaling range and metric, their size and port. */
    private Optional<String> tasks() {
        var service = one(SERVICE);
        if (service.isEmpty()) {
            return Optional.empty();
        }
        var parts = new ArrayList<String>();
        first(service.get(), "desiredCount").ifPresent(count -> parts.add(count + " to start"));
        one(SCALING_TARGET).ifPresent(target -> {
            var range = "scaling %s to %s".formatted(first(target, "minCapacity").orElse("?"), first(target, "maxCapacity").orElse("?"));
            var metric = one(SCALING_POLICY).flatMap(policy -> first(policy,
                            "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType")
                    .filter(METRICS::containsKey)
                    .map(type -> METRICS.get(type).formatted(first(policy,
                            "targetTrackingScalingPolicyConfiguration.targetValue").orElse("?"))));
            parts.add(range + metric.map(text -> " on " + text).orElse(""));
        });
        one(TASK_DEFINITION).ifPresent(task -> parts.add("%s CPU units and %s MiB each".formatted(
                first(task, "cpu").orElse("?"), first(task, "memory").orElse("?"))));
        first(service.get(), "loadBalancers[*].containerPort").map(port -> port.replaceAll("[\\[\\]]", ""))
                .ifPresent(port -> parts.add("container port " + port));
        return Optional.of(String.join(", ", parts));
    }

    /**
     * What the tasks run on: per Auto Scaling group its size, types and on-demand/Spot mix; or the service's Fargate
     * capacity providers.
     */
    private List<String> capacity() {
        var lines = new ArrayList<String>();
        // the tasks the service keeps on on-demand capacity: the strategy's base, on whichever provider carries one
        // (read item by item: offline the providers' names are all <computed>)
        var onDemandTasks = one(SERVICE).map(service -> service.inputs().get("capacityProviderStrategies"))
                .filter(List.class::isInstance).flatMap(list -> ((List<?>) list).stream()
                        .filter(item -> item instanceof Map<?, ?> strategy && strategy.get("base") != null)
                        .map(item -> number(((Map<?, ?>) item).get("base"))).findFirst())
                .orElse("0");
        for (var group : all(AUTO_SCALING_GROUP)) {
            var distribution = "mixedInstancesPolicy.instancesDistribution.";
            var types = KeySettings.values(group.inputs(), "mixedInstancesPolicy.launchTemplate.overrides[*].instanceType");
            var above = first(group, distribution + "onDemandPercentageAboveBaseCapacity").orElse("100");
            var strategy = first(group, distribution + "spotAllocationStrategy").map(name -> " (" + name + ")").orElse("");
            var size = "%s to %s instances of %s".formatted(first(group, "minSize").orElse("?"), first(group, "maxSize").orElse("?"),
                    types.isEmpty() ? "?" : String.join(", ", types).replaceAll("[\\[\\]]", ""));
            // the program declares pure groups only: the on-demand group, and the Spot group (docs/design.md)
            if (above.equals("100")) {
                lines.add("EC2 on demand, %s: the first %s task%s, which ECS keeps there".formatted(size, onDemandTasks,
                        onDemandTasks.equals("1") ? "" : "s"));
            } else {
                lines.add("EC2 Spot%s, %s: every other task".formatted(strategy, size));
            }
        }
        one(SERVICE).ifPresent(service -> {
            var providers = strategies(service);
            if (providers.containsKey("FARGATE") || providers.containsKey("FARGATE_SPOT")) {
                var base = Optional.ofNullable(providers.get("FARGATE")).map(strategy -> strategy.get("base"))
                        .filter(Objects::nonNull).orElse("0");
                var architecture = one(TASK_DEFINITION).flatMap(task -> first(task, "runtimePlatform.cpuArchitecture"))
                        .map(arch -> " (" + arch + ")").orElse("");
                lines.add("Fargate%s: the first %s task%s on FARGATE (on demand), the rest on %s".formatted(architecture, base,
                        base.equals("1") ? "" : "s", providers.containsKey("FARGATE_SPOT") ? "FARGATE_SPOT" : "FARGATE"));
            }
        });
        return lines;
    }

    /** The Availability Zones (the load balancer's subnets, one per zone) and NAT gateways. */
    private Optional<String> network() {
        var zones = one(LOAD_BALANCER).map(lb -> lb.inputs().get("subnets")).filter(List.class::isInstance)
                .map(subnets -> ((List<?>) subnets).size());
        if (zones.isEmpty()) {
            return Optional.empty();
        }
        var nats = all(NAT_GATEWAY).size();
        var s3 = all("aws:ec2/vpcEndpoint:VpcEndpoint").isEmpty() ? "" : ", an S3 gateway endpoint";
        return Optional.of("%d Availability Zones, %s%s".formatted(zones.get(),
                nats == 0 ? "no NAT gateway (instances or tasks in the public subnets with their own public IPv4 addresses,"
                        + " reachable only from the load balancer)"
                        : nats == 1 ? "1 NAT gateway (shared by every zone)" : nats + " NAT gateways (one per zone)", s3));
    }

    /** What a destroy would not simply remove: protected resources, and the load balancer's deletion protection. */
    private String protectedResources() {
        var parts = new ArrayList<String>();
        one(LOAD_BALANCER).flatMap(lb -> first(lb, "enableDeletionProtection")).filter("true"::equals)
                .ifPresent(on -> parts.add("the load balancer's deletion protection is on"));
        var names = plan.resources().stream().filter(Plan.PlannedResource::protect).map(Plan.PlannedResource::name).toList();
        if (!names.isEmpty()) {
            parts.add("pulumi destroy refuses to delete " + String.join(", ", names));
        }
        return parts.isEmpty() ? "nothing: pulumi destroy removes everything" : String.join("; ", parts);
    }

    /** The service's capacity provider strategies, by provider name, each with its fields as text. */
    private static Map<String, Map<String, String>> strategies(Plan.PlannedResource service) {
        var strategies = new LinkedHashMap<String, Map<String, String>>();
        if (service.inputs().get("capacityProviderStrategies") instanceof List<?> list) {
            for (var item : list) {
                if (item instanceof Map<?, ?> strategy) {
                    var fields = strategy.entrySet().stream().filter(entry -> entry.getValue() != null).collect(Collectors.toMap(
                            entry -> String.valueOf(entry.getKey()), entry -> number(entry.getValue())));
                    strategies.put(fields.getOrDefault("capacityProvider", ""), fields);
                }
            }
        }
        return strategies;
    }

    private Optional<String> config(String key) {
        return plan.config().stream().filter(value -> value.key().equals(key)).findFirst()
                .map(value -> String.valueOf(value.value()));
    }

    private List<Plan.PlannedResource> all(String type) {
        return plan.resources().stream().filter(resource -> resource.type().equals(type)).toList();
    }

    private Optional<Plan.PlannedResource> one(String type) {
        return all(type).stream().findFirst();
    }

    /** The text of the value at {@code path}, a whole number without ".0". */
    private static Optional<String> first(Plan.PlannedResource resource, String path) {
        return KeySettings.values(resource.inputs(), path).stream().findFirst().map(PlanSummary::number);
    }

    private static String number(Object value) {
        var text = String.valueOf(value);
        return text.matches("-?\\d+\\.0") ? text.substring(0, text.length() - 2) : text;
    }
}
