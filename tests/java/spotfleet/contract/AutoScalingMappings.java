package spotfleet.contract;

import java.util.List;


/**
 * EC2 Auto Scaling resources, as hashicorp/terraform-provider-aws's {@code internal/service/autoscaling} creates them.
 * The group takes no provider default tags (its {@code tag} blocks are its own), so the program sets them itself.
 */
final class AutoScalingMappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/autoscaling/";

    private AutoScalingMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:autoscaling/group:Group", DIR + "group.go (resourceGroupCreate)", r -> {
            var name = r.input("name").map(String::valueOf).orElse(r.resource().autoName());
            var create = r.request("autoscaling", "CreateAutoScalingGroup").name("AutoScalingGroupName")
                    .copy("capacityRebalance", "CapacityRebalance")
                    .copy("desiredCapacity", "DesiredCapacity")
                    .copy("healthCheckGracePeriod", "HealthCheckGracePeriod")
                    .copy("healthCheckType", "HealthCheckType")
                    .copy("maxSize", "MaxSize")
                    .copy("minSize", "MinSize")
                    .copy("defaultCooldown", "DefaultCooldown")
                    .copy("maxInstanceLifetime", "MaxInstanceLifetime")
                    .copy("mixedInstancesPolicy", "MixedInstancesPolicy")
                    .copy("protectFromScaleIn", "NewInstancesProtectedFromScaleIn")
                    .copy("targetGroupArns", "TargetGroupARNs")
                    .copy("vpcZoneIdentifiers", "VPCZoneIdentifier", Values::commaJoined);
            var tags = (List<?>) r.input("tags").orElse(List.of());
            for (int i = 0; i < tags.size(); i++) {
                var tag = "tags[%d]".formatted(i);
                var item = "Tags[%d]".formatted(i);
                // expandTags: each tag names the group it belongs to.
                create.copy(tag + ".key", item + ".Key").copy(tag + ".value", item + ".Value")
                        .copy(tag + ".propagateAtLaunch", item + ".PropagateAtLaunch")
                        .set(item + ".ResourceId", name, "provider: the group's name")
                        .set(item + ".ResourceType", "auto-scaling-group", "provider: the tagged resource's type");
            }
            r.consume("tags");
            if (r.input("enabledMetrics").isPresent()) {
                r.request("autoscaling", "EnableMetricsCollection").set("AutoScalingGroupName", name, "provider: the group's name")
                        .copy("enabledMetrics", "Metrics")
                        .copy("metricsGranularity", "Granularity");
            }
            r.request("autoscaling", "DeleteAutoScalingGroup").set("AutoScalingGroupName", name, "provider: the group's name")
                    .copy("forceDelete", "ForceDelete");
            for (var waiter : List.of("waitForCapacityTimeout", "minElbCapacity", "waitForElbCapacity")) {
                r.notSent(waiter, "provider-side: how long and for what the provider waits after creating the group");
            }
            if (r.input("instanceRefresh").isPresent()) {
                // Sent on an update that changes the launch template (group.go, startInstanceRefresh), not on create;
                // a value AWS rejects there fails the update that rolls out a new AMI.
                r.request("autoscaling", "StartInstanceRefresh").set("AutoScalingGroupName", name, "provider: the group's name")
                        .copy("instanceRefresh.strategy", "Strategy")
                        .copy("instanceRefresh.preferences", "Preferences",
                                Conversion.byName().value("instanceWarmup", Values::wholeNumber));
                r.notSent("instanceRefresh.triggers", "provider-side: the group properties whose change also starts a refresh");
            }
        });
        mappings.add("aws:autoscaling/policy:Policy", DIR + "policy.go", r ->
                r.request("autoscaling", "PutScalingPolicy").name("PolicyName")
                        .copy("autoscalingGroupName", "AutoScalingGroupName")
                        .copy("policyType", "PolicyType")
                        .copy("estimatedInstanceWarmup", "EstimatedInstanceWarmup")
                        .copy("targetTrackingConfiguration", "TargetTrackingConfiguration"));
    }

}
