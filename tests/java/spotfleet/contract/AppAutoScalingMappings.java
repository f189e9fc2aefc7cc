package spotfleet.contract;

/** Application Auto Scaling targets and policies, as hashicorp/terraform-provider-aws's {@code internal/service/appautoscaling} creates them. */
final class AppAutoScalingMappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/appautoscaling/";

    private AppAutoScalingMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:appautoscaling/target:Target", DIR + "target.go", r ->
                r.request("application-autoscaling", "RegisterScalableTarget")
                        .copy("maxCapacity", "MaxCapacity").copy("minCapacity", "MinCapacity")
                        .copy("resourceId", "ResourceId").copy("scalableDimension", "ScalableDimension")
                        .copy("serviceNamespace", "ServiceNamespace").copy("roleArn", "RoleARN")
                        .tags(Tags.map("Tags")));
        mappings.add("aws:appautoscaling/policy:Policy", DIR + "policy.go", r ->
                r.request("application-autoscaling", "PutScalingPolicy").name("PolicyName")
                        .copy("policyType", "PolicyType").copy("resourceId", "ResourceId")
                        .copy("scalableDimension", "ScalableDimension").copy("serviceNamespace", "ServiceNamespace")
                        .copy("targetTrackingScalingPolicyConfiguration", "TargetTrackingScalingPolicyConfiguration")
                        .copy("stepScalingPolicyConfiguration", "StepScalingPolicyConfiguration"));
    }
}
