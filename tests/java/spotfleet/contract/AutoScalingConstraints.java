package spotfleet.contract;

import java.util.List;

import static spotfleet.contract.DocumentedConstraints.constraint;
import static spotfleet.contract.DocumentedConstraints.oneOf;

/** EC2 Auto Scaling's documented-only constraints, quoted from botocore/data/autoscaling/2011-01-01/service-2.json. */
final class AutoScalingConstraints {

    private AutoScalingConstraints() {
    }

    static List<DocumentedConstraint> all(ServiceModels models) {
        return List.of(
                constraint("autoscaling", "InstancesDistribution", "SpotAllocationStrategy",
                        "The allocation strategy to apply to your Spot Instances when they are launched.",
                        oneOf(List.of("capacity-optimized", "capacity-optimized-prioritized", "lowest-price", "price-capacity-optimized"))),
                constraint("autoscaling", "CreateAutoScalingGroupType", "AutoScalingGroupName",
                        "The name can contain any ASCII character 33 to 126 including most punctuation characters, digits, "
                                + "and upper and lowercased letters. You cannot use a colon (:) in the name.",
                        value -> String.valueOf(value).chars().allMatch(c -> c >= 33 && c <= 126 && c != ':') ? List.of()
                                : Violation.of("\"%s\" has a character outside ASCII 33 to 126, or a colon".formatted(value))),
                // 1.43: "A comma-separated value string of one or more health check types. The valid values are EC2 ,
                // EBS , ELB , and VPC_LATTICE ."
                constraint("autoscaling", "CreateAutoScalingGroupType", "HealthCheckType",
                        List.of("The valid values are EC2 (default), ELB, and VPC_LATTICE.",
                                "A comma-separated value string of one or more health check types. The valid values are EC2 , EBS , ELB , and VPC_LATTICE ."),
                        AutoScalingConstraints::healthCheckTypes),
                constraint("autoscaling", "EnableMetricsCollectionQuery", "Granularity",
                        "The only valid value is 1Minute.", oneOf(List.of("1Minute"))),
                constraint("autoscaling", "EnableMetricsCollectionQuery", "Metrics",
                        "You can specify one or more of the following metrics:", value -> groupMetrics(models, value)),
                constraint("autoscaling", "LaunchTemplateOverrides", "InstanceType",
                        "You must specify an instance type that is supported in your requested Region and Availability Zones.",
                        value -> ec2InstanceType(models, value)));
    }

    /** One or more of EC2, EBS, ELB and VPC_LATTICE, comma-separated. */
    private static List<Violation> healthCheckTypes(Object value) {
        var types = List.of("EC2", "EBS", "ELB", "VPC_LATTICE");
        var text = String.valueOf(value);
        return !text.isEmpty() && java.util.Arrays.stream(text.split(",", -1)).allMatch(types::contains) ? List.of()
                : Violation.of("\"%s\" is not one or more of %s, comma-separated".formatted(text, types));
    }

    /** Each metric is one the EnableMetricsCollection documentation lists. */
    private static List<Violation> groupMetrics(ServiceModels models, Object value) {
        var documented = models.service("autoscaling").shape("EnableMetricsCollectionQuery")
                .memberDocumentation("Metrics");
        if (!(value instanceof List<?> metrics)) {
            return List.of();
        }
        return metrics.stream()
                .filter(metric -> !PlanResource.isComputed(metric) && !documented.matches(".*\\b" + metric + "\\b.*"))
                .flatMap(metric -> Violation.of("\"%s\" is not a group metric EnableMetricsCollection lists".formatted(metric)).stream())
                .toList();
    }

    /** The AWS SDK for Java v2's EC2 instance types (2.57.x, from Maven Central): every type AWS sold when it was built. */
    static final String SDK_INSTANCE_TYPES = "software.amazon.awssdk.services.ec2.model.InstanceType";

    /**
     * Auto Scaling takes any text here; EC2 launches only its own instance types: the ec2 model's InstanceType enum
     * (botocore/data/ec2/2016-11-15/service-2.json), or the AWS SDK for Java v2's InstanceType enum (newer than
     * Debian's 2022 models, so a team's m7g.large passes wherever the check runs), or an allow-listed newer type. A
     * typo is in none of them.
     */
    private static List<Violation> ec2InstanceType(ServiceModels models, Object value) {
        var types = models.service("ec2").shape("InstanceType").enumValues();
        var text = String.valueOf(value);
        return types.contains(text) || SdkShapes.knows(SdkShapes.load(SDK_INSTANCE_TYPES), text) ? List.of()
                : Violation.allowable("\"%s\" is not an EC2 instance type (ec2 InstanceType enum)".formatted(value),
                AllowList.Key.value("ec2", "InstanceType", String.valueOf(value)));
    }
}
