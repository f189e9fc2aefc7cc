package spotfleet.infra.components;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.Architecture;
import spotfleet.infra.config.RunOn;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.offline.OfflineMocks;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.jsonInput;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

/** The Fargate example's defaults: what a Fargate stack declares, and what it does not. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FargateStackTest {
    DeclaredStack stack;

    @BeforeEach
    void declare() {
        stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(FargateTest.fargate().containerPort(8080).stopTimeoutSeconds(120).build()));
    }

    @Test
    void nothingOfTheInstancesIsDeclared() {
        // given / when / then: no launch template, group, instance capacity provider, instance role or profile
        for (var type : List.of(LAUNCH_TEMPLATE, AUTO_SCALING_GROUP, AUTO_SCALING_POLICY, CAPACITY_PROVIDER, INSTANCE_PROFILE,
                LAMBDA_FUNCTION, LAMBDA_PERMISSION)) {
            assertThat(stack.all(type)).as(type).isEmpty();
        }
        assertThat(stack.resources()).extracting(DeclaredResource::name)
                .noneMatch(name -> name.startsWith("capacity-") || name.startsWith("fleetwatch-"));
        assertThat(stack.evaluation().outputs()).doesNotContainKey("autoScalingGroupName");
    }

    @Test
    void theClusterHasFargateAndFargateSpotWithTheOnDemandBaseAsItsDefault() {
        // given / when
        var providers = stack.one(CLUSTER_CAPACITY_PROVIDERS, "fargate-cluster-providers");
        // then
        assertThat(input(providers, "clusterName")).isEqualTo(output(stack.one(ECS_CLUSTER, "cluster-ecs"), "name"));
        assertThat(input(providers, "capacityProviders")).isEqualTo(List.of("FARGATE", "FARGATE_SPOT"));
        assertThat(input(providers, "defaultCapacityProviderStrategies")).isEqualTo(List.of(
                Map.of("capacityProvider", "FARGATE", "base", 1.0, "weight", 0.0),
                Map.of("capacityProvider", "FARGATE_SPOT", "weight", 1.0)));
    }

    @Test
    void theServiceKeepsOneTaskOnFargateAndPutsTheRestOnFargateSpot() {
        // given / when
        var service = stack.one(ECS_SERVICE, "web-service");
        // then: base 1 on FARGATE with weight 0, so every task above the base goes to FARGATE_SPOT
        assertThat(input(service, "capacityProviderStrategies")).isEqualTo(List.of(
                Map.of("capacityProvider", "FARGATE", "base", 1.0, "weight", 0.0),
                Map.of("capacityProvider", "FARGATE_SPOT", "weight", 1.0)));
        assertThat(service.inputs()).doesNotContainKeys("launchType", "orderedPlacementStrategies", "placementConstraints");
    }

    @Test
    void theTasksRunInThePrivateSubnetsWithoutPublicIpsBehindTheirOwnSecurityGroup() {
        // given
        var service = stack.one(ECS_SERVICE, "web-service");
        var privateSubnets = stack.all(SUBNET).stream().filter(s -> s.name().contains("private")).map(DeclaredResource::id).toList();
        // when
        var network = (Map<?, ?>) input(service, "networkConfiguration");
        // then
        assertThat(privateSubnets).hasSize(2);
        assertThat(network.get("subnets")).isEqualTo(privateSubnets);
        assertThat(network.get("securityGroups")).isEqualTo(List.of(stack.one(SECURITY_GROUP, "fargate-tasks-sg").id()));
        assertThat(network.get("assignPublicIp")).isEqualTo(false);
    }

    @Test
    void onlyTheLoadBalancerReachesTheTasksAndOnlyOnTheContainerPort() {
        // given
        var tasks = stack.one(SECURITY_GROUP, "fargate-tasks-sg").id();
        var loadBalancer = stack.one(SECURITY_GROUP, "loadbalancer-sg").id();
        // when
        var tasksIn = stack.securityGroupRules(INGRESS_RULE, tasks);
        var loadBalancerOut = stack.securityGroupRules(EGRESS_RULE, loadBalancer);
        // then
        assertThat(tasksIn).containsExactly(Map.of("ipProtocol", "tcp", "fromPort", 8080.0, "toPort", 8080.0,
                "referencedSecurityGroupId", loadBalancer));
        assertThat(loadBalancerOut).containsExactly(Map.of("ipProtocol", "tcp", "fromPort", 8080.0, "toPort", 8080.0,
                "referencedSecurityGroupId", tasks));
        assertThat(stack.securityGroupRules(EGRESS_RULE, tasks)).containsExactly(Map.of("ipProtocol", "-1", "cidrIpv4", "0.0.0.0/0"));
    }

    @Test
    void theTargetGroupTargetsTheTasksIpAddresses() {
        // given / when
        var targetGroup = stack.one(TARGET_GROUP, "web-tg");
        // then
        assertThat(input(targetGroup, "targetType")).isEqualTo("ip");
        assertThat(input(targetGroup, "port")).isEqualTo(8080.0);
    }

    @Test
    void theTaskDefinitionIsForFargateOnArm64WithAnExecutionRole() {
        // given / when
        var task = stack.one(TASK_DEFINITION, "web-task");
        // then
        assertThat(input(task, "requiresCompatibilities")).isEqualTo(List.of("FARGATE"));
        assertThat(input(task, "networkMode")).isEqualTo("awsvpc");
        assertThat(input(task, "runtimePlatform")).isEqualTo(Map.of("operatingSystemFamily", "LINUX", "cpuArchitecture", "ARM64"));
        assertThat(input(task, "cpu")).isEqualTo("256");
        assertThat(input(task, "memory")).isEqualTo("512");
        assertThat(input(task, "executionRoleArn")).isEqualTo(output(stack.one(ROLE, "web-execution-role"), "arn"));
    }

    @Test
    void theImageIsBuiltForTheTasksPlatform() {
        // given / when
        var image = stack.one(DOCKER_IMAGE, "image-image");
        // then
        assertThat(input(image, "build.platform")).isEqualTo("linux/arm64");
    }

    @Test
    void theContainerPublishesItsOwnPortAndMayUseTheWholeSpotNotice() {
        // given / when
        var container = FargateTest.container(stack);
        // then: awsvpc wants the host port equal to the container port
        assertThat(container.getAsJsonArray("portMappings").get(0)).isEqualTo(JsonParser.parseString(
                "{\"containerPort\":8080,\"hostPort\":8080,\"protocol\":\"tcp\"}"));
        assertThat(container.get("stopTimeout").getAsInt()).isEqualTo(120);
    }

    @Test
    void onlyTheAlarmsOnTheServiceAreDeclared() {
        // given / when
        var alarms = stack.all(METRIC_ALARM).stream().map(DeclaredResource::name).toList();
        // then
        assertThat(alarms).containsExactly("alarms-target-5xx-rate", "alarms-unhealthy-targets", "alarms-p99-latency",
                "alarms-too-few-tasks", "alarms-lb-5xx-rate", "alarms-no-healthy-targets");
        assertThat(FargateTest.alarmWidgetArns(stack)).isEqualTo(stack.all(METRIC_ALARM).stream().map(a -> output(a, "arn")).toList());
    }
}
