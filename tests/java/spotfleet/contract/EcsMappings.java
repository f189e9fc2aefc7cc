package spotfleet.contract;

/**
 * Amazon ECS resources, as hashicorp/terraform-provider-aws's {@code internal/service/ecs} creates them. ECS members
 * are camelCase, as are the task definition's container definitions, which the provider parses from JSON into the
 * request's {@code ContainerDefinition} structures (expandContainerDefinitions).
 */
final class EcsMappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/ecs/";

    private EcsMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:ecs/cluster:Cluster", DIR + "cluster.go", r ->
                r.request("ecs", "CreateCluster").name("clusterName").copy("settings", "settings")
                        .copy("configuration", "configuration").tags(Tags.list("tags", "key", "value")));
        mappings.add("aws:ecs/capacityProvider:CapacityProvider", DIR + "capacity_provider.go", r ->
                r.request("ecs", "CreateCapacityProvider").name("name").copy("autoScalingGroupProvider", "autoScalingGroupProvider")
                        .tags(Tags.list("tags", "key", "value")));
        mappings.add("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", DIR + "cluster_capacity_providers.go", r ->
                r.request("ecs", "PutClusterCapacityProviders").copy("clusterName", "cluster")
                        .copy("capacityProviders", "capacityProviders")
                        .copy("defaultCapacityProviderStrategies", "defaultCapacityProviderStrategy"));
        mappings.add("aws:ecs/taskDefinition:TaskDefinition", DIR + "task_definition.go", r -> {
            r.request("ecs", "RegisterTaskDefinition").copy("family", "family")
                    .json("containerDefinitions", "containerDefinitions")
                    .copy("cpu", "cpu").copy("memory", "memory")
                    .copy("executionRoleArn", "executionRoleArn").copy("taskRoleArn", "taskRoleArn")
                    .copy("networkMode", "networkMode").copy("requiresCompatibilities", "requiresCompatibilities")
                    .copy("volumes", "volumes").copy("runtimePlatform", "runtimePlatform")
                    .copy("ephemeralStorage", "ephemeralStorage")
                    .tags(Tags.list("tags", "key", "value"));
            r.notSent("skipDestroy", "provider-side: keep the revision registered when the resource is destroyed");
            r.notSent("trackLatest", "provider-side: which revision the provider reads back");
        });
        mappings.add("aws:ecs/service:Service", DIR + "service.go (resourceServiceCreate)", r -> {
            r.request("ecs", "CreateService").name("serviceName")
                    .copy("cluster", "cluster").copy("taskDefinition", "taskDefinition").copy("desiredCount", "desiredCount")
                    .copy("launchType", "launchType")
                    .copy("capacityProviderStrategies", "capacityProviderStrategy")
                    .copy("deploymentCircuitBreaker", "deploymentConfiguration.deploymentCircuitBreaker")
                    .copy("deploymentMaximumPercent", "deploymentConfiguration.maximumPercent")
                    .copy("deploymentMinimumHealthyPercent", "deploymentConfiguration.minimumHealthyPercent")
                    .copy("enableEcsManagedTags", "enableECSManagedTags")
                    .copy("enableExecuteCommand", "enableExecuteCommand")
                    .copy("healthCheckGracePeriodSeconds", "healthCheckGracePeriodSeconds")
                    .copy("loadBalancers", "loadBalancers")
                    .copy("orderedPlacementStrategies", "placementStrategy")
                    .copy("placementConstraints", "placementConstraints")
                    // expandNetworkConfiguration: the three keys go into awsvpcConfiguration, the flag as ENABLED/DISABLED
                    .copy("networkConfiguration.subnets", "networkConfiguration.awsvpcConfiguration.subnets")
                    .copy("networkConfiguration.securityGroups", "networkConfiguration.awsvpcConfiguration.securityGroups")
                    .copy("networkConfiguration.assignPublicIp", "networkConfiguration.awsvpcConfiguration.assignPublicIp",
                            flag -> Boolean.TRUE.equals(flag) ? "ENABLED" : "DISABLED")
                    .copy("propagateTags", "propagateTags")
                    .copy("schedulingStrategy", "schedulingStrategy")
                    .copy("availabilityZoneRebalancing", "availabilityZoneRebalancing")
                    .tags(Tags.list("tags", "key", "value"));
            r.notSent("waitForSteadyState", "provider-side: the provider polls DescribeServices until the service is stable");
            r.notSent("forceNewDeployment", "provider-side: on updates, UpdateService's forceNewDeployment; not in CreateService");
            r.notSent("forceDelete", "provider-side: DeleteService's force flag, on destroy");
            r.notSent("triggers", "provider-side: values whose change forces a new deployment; never sent");
        });
    }
}
