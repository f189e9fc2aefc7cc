package spotfleet.contract;

import java.util.List;

import static spotfleet.contract.DocumentedConstraints.constraint;
import static spotfleet.contract.DocumentedConstraints.oneOf;

/** EC2 Auto Scaling's documented-only constraints, quoted from botocore/data/autoscaling/2011-01-01/service-2.json. */
final class AutoScalingConstraints {

    private AutoScalingConstraints() {
    }

    static List<DocumentedConstraint> all() {
        return List.of(
                constraint("autoscaling", "InstancesDistribution", "SpotAllocationStrategy",
                        "The allocation strategy to apply to your Spot Instances when they are launched.",
                        oneOf(List.of("capacity-optimized", "capacity-optimized-prioritized", "lowest-price", "price-capacity-optimized"))),
                constraint("autoscaling", "CreateAutoScalingGroupType", "AutoScalingGroupName",
                        "The name can contain any ASCII character 33 to 126 including most punctuation characters, digits, "
                                + "and upper and lowercased letters. You cannot use a colon (:) in the name.",
                        value -> String.valueOf(value).chars().allMatch(c -> c >= 33 && c <= 126 && c != ':') ? List.of()
                                : Violation.of("\"%s\" has a character outside ASCII 33 to 126, or a colon".formatted(value))),
                constraint("autoscaling", "CreateAutoScalingGroupType", "HealthCheckType",
                        "The valid values are EC2 (default), ELB, and VPC_LATTICE.", oneOf(List.of("EC2", "ELB", "VPC_LATTICE"))),
                constraint("autoscaling", "EnableMetricsCollectionQuery", "Granularity",
                        "The only valid value is 1Minute.", oneOf(List.of("1Minute"))),
                constraint("autoscaling", "EnableMetricsCollectionQuery", "Metrics",
                        "You can specify one or more of the following metrics:", AutoScalingConstraints::groupMetrics),
                constraint("autoscaling", "LaunchTemplateOverrides", "InstanceType",
                        "You must specify an instance type that is supported in your requested Region and Availability Zones.",
                        AutoScalingConstraints::ec2InstanceType));
    }

    /** Each metric is one the EnableMetricsCollection documentation lists. */
    private static List<Violation> groupMetrics(Object value) {
        var documented = ServiceModels.installed().service("autoscaling").shape("EnableMetricsCollectionQuery")
                .memberDocumentation("Metrics");
        if (!(value instanceof List<?> metrics)) {
            return List.of();
        }
        return metrics.stream()
                .filter(metric -> !PlanResource.isComputed(metric) && !documented.matches(".*\\b" + metric + "\\b.*"))
                .flatMap(metric -> Violation.of("\"%s\" is not a group metric EnableMetricsCollection lists".formatted(metric)).stream())
                .toList();
    }

    /**
     * Auto Scaling takes any text here; EC2 launches only its own instance types: the ec2 model's InstanceType enum
     * (botocore/data/ec2/2016-11-15/service-2.json), or an allow-listed newer type.
     */
    private static List<Violation> ec2InstanceType(Object value) {
        var types = ServiceModels.installed().service("ec2").shape("InstanceType").enumValues();
        return types.contains(String.valueOf(value)) ? List.of()
                : Violation.allowable("\"%s\" is not an EC2 instance type (ec2 InstanceType enum)".formatted(value),
                AllowList.Key.value("ec2", "InstanceType", String.valueOf(value)));
    }
}
