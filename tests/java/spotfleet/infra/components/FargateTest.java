package spotfleet.infra.components;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
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

/** A stack with {@code runOn: fargate}: the service on Fargate and Fargate Spot, and nothing of the EC2 instances. */
class FargateTest {

    static StackSettings.Builder fargate() {
        return StackSettings.defaults().toBuilder().runOn(RunOn.FARGATE).taskMemory(512);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithTheFargateDefaults {
        DeclaredStack stack;

        @BeforeAll
        void declare() {
            stack = DeclaredStack.of(fargate().containerPort(8080).stopTimeoutSeconds(120).build());
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
            var container = container(stack);
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
                    "alarms-too-few-tasks");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SpotInterruptions {
        DeclaredStack stack;
        DeclaredResource rule;

        @BeforeAll
        void declare() {
            stack = DeclaredStack.of(fargate().build());
            rule = stack.one(EVENT_RULE, "spotalerts-task-interruptions");
        }

        @Test
        void oneRuleMatchesTheWarningOfThisClustersTasksAndTellsTheTopic() {
            // given
            var clusterArn = output(stack.one(ECS_CLUSTER, "cluster-ecs"), "arn");
            // when
            var pattern = jsonInput(rule, "eventPattern");
            var target = targetOf(rule);
            // then
            assertThat(pattern).isEqualTo(json(Map.of(
                    "source", List.of("aws.ecs"),
                    "detail-type", List.of("ECS Task State Change"),
                    "detail", Map.of(
                            "clusterArn", List.of(clusterArn),
                            "stopCode", List.of("SpotInterruption", "TerminationNotice"),
                            "desiredStatus", List.of("STOPPED"),
                            "lastStatus", List.of("RUNNING")))));
            assertThat(input(target, "arn")).isEqualTo(output(stack.one(SNS_TOPIC, "alerts-topic"), "arn"));
            assertThat(input(target, "inputTransformer.inputTemplate")).isEqualTo("\"spotfleet-dev: Fargate Spot task <task> gets"
                    + " its two-minute interruption warning at <time> (<code>: <reason>); the service starts its replacement on"
                    + " FARGATE_SPOT when there is capacity\"");
            assertThat(stack.all(EVENT_RULE)).extracting(DeclaredResource::name).containsExactly("spotalerts-task-interruptions");
        }

        @Test
        void awssExampleEventOfThisClusterMatchesAndFillsTheMessage() throws IOException {
            // given AWS's example Fargate Spot interruption, as this stack's cluster would send it
            var event = example();
            event.getAsJsonObject("detail").addProperty("clusterArn", (String) output(stack.one(ECS_CLUSTER, "cluster-ecs"), "arn"));
            // when
            var pattern = jsonInput(rule, "eventPattern").getAsJsonObject();
            var paths = (Map<?, ?>) input(targetOf(rule), "inputTransformer.inputPaths");
            // then: the example's own stop code, and the one the ecs model and the issue name
            assertThat(SpotAlertsTest.matches(pattern, event)).isTrue();
            event.getAsJsonObject("detail").addProperty("stopCode", "SpotInterruption");
            assertThat(SpotAlertsTest.matches(pattern, event)).isTrue();
            // every detail the message quotes is in the example ($.time is in every event's envelope, not in AWS's snippet)
            paths.values().stream().map(String::valueOf).filter(path -> path.startsWith("$.detail."))
                    .forEach(path -> assertThat(SpotAlertsTest.resolve(event, path)).as(path).isNotNull());
            assertThat(paths.values().stream().map(String::valueOf).toList()).containsExactlyInAnyOrder("$.detail.taskArn",
                    "$.detail.stopCode", "$.detail.stoppedReason", "$.time");
        }

        @Test
        void anotherClustersTasksTheLaterTransitionsAndOtherStopsDoNotMatch() throws IOException {
            // given
            var pattern = jsonInput(rule, "eventPattern").getAsJsonObject();
            var clusterArn = (String) output(stack.one(ECS_CLUSTER, "cluster-ecs"), "arn");
            // when / then: AWS's example is of the cluster "default", not this one
            assertThat(SpotAlertsTest.matches(pattern, example())).isFalse();
            for (var change : List.of(Map.of("lastStatus", "STOPPED"), Map.of("stopCode", "UserInitiated"),
                    Map.of("stopCode", "ServiceSchedulerInitiated"), Map.of("desiredStatus", "RUNNING"))) {
                var event = example();
                event.getAsJsonObject("detail").addProperty("clusterArn", clusterArn);
                change.forEach(event.getAsJsonObject("detail")::addProperty);
                assertThat(SpotAlertsTest.matches(pattern, event)).as("%s", change).isFalse();
            }
        }

        @Test
        void theTopicAdmitsTheRuleAndTheDashboardCountsItsMatches() {
            // given
            var ruleName = output(rule, "name");
            // when
            var policy = jsonInput(stack.one(SNS_TOPIC_POLICY, "alertpublishers-policy"), "policy").toString();
            var body = jsonInput(stack.one(DASHBOARD, "dashboard-cloudwatch"), "dashboardBody").getAsJsonObject();
            // then
            assertThat(policy).contains((String) output(rule, "arn"));
            var interrupted = body.getAsJsonArray("widgets").asList().stream().map(JsonElement::getAsJsonObject)
                    .filter(widget -> widget.getAsJsonObject("properties").get("title").getAsString().equals("Fargate Spot interruptions"))
                    .findFirst().orElseThrow();
            assertThat(interrupted.getAsJsonObject("properties").getAsJsonArray("metrics").get(0)).isEqualTo(JsonParser.parseString(
                    "[\"AWS/Events\",\"TriggeredRules\",\"RuleName\",\"%s\",{\"stat\":\"Sum\",\"label\":\"tasks given the two-minute warning\"}]"
                            .formatted(ruleName)));
            assertThat(body.toString()).doesNotContain("AutoScalingGroupName", "FunctionName", "Spotfleet");
        }

        private JsonObject example() throws IOException {
            return JsonParser.parseString(Files.readString(SpotAlertsTest.EVENTS.resolve(
                    "ecs-task-state-change-fargate-spot-interruption.json"))).getAsJsonObject();
        }

        private DeclaredResource targetOf(DeclaredResource rule) {
            var targets = stack.all(EVENT_TARGET).stream().filter(t -> output(rule, "name").equals(input(t, "rule"))).toList();
            assertThat(targets).hasSize(1);
            return targets.getFirst();
        }
    }

    @Test
    void withNoOnDemandTasksEveryTaskRunsOnFargateSpot() {
        // given
        var stack = DeclaredStack.of(fargate().fargateOnDemandTasks(0).build());
        // when
        var strategy = input(stack.one(ECS_SERVICE, "web-service"), "capacityProviderStrategies");
        // then
        assertThat(strategy).isEqualTo(List.of(Map.of("capacityProvider", "FARGATE_SPOT", "weight", 1.0)));
        assertThat(input(stack.one(CLUSTER_CAPACITY_PROVIDERS, "fargate-cluster-providers"), "defaultCapacityProviderStrategies"))
                .isEqualTo(strategy);
    }

    @Test
    void onX86TheTaskAndTheImageAreX86() {
        // given
        var stack = DeclaredStack.of(fargate().fargateArchitecture(Architecture.X86_64).fargateOnDemandTasks(3).build());
        // when / then
        assertThat(input(stack.one(TASK_DEFINITION, "web-task"), "runtimePlatform.cpuArchitecture")).isEqualTo("X86_64");
        assertThat(input(stack.one(DOCKER_IMAGE, "image-image"), "build.platform")).isEqualTo("linux/amd64");
        assertThat(input(stack.one(ECS_SERVICE, "web-service"), "capacityProviderStrategies.0.base")).isEqualTo(3.0);
    }

    @Test
    void aFargateStackPromotesAnImageOfItsOwnArchitectureAndRefusesAnother() {
        // given a Fargate prod promoting dev's image, on Graviton (the default) and then on x86
        var fargateProd = fargate().image("promote:dev").build();
        var graviton = ContainerImageTest.devOutputs("linux/arm64", List.of(ContainerImageTest.PROD_PULLER));
        // when
        var stack = DeclaredStack.of(fargateProd, "prod", Map.of(ContainerImageTest.DEV,
                new OfflineMocks.StackOutputs(graviton, Set.of())));
        var x86 = org.assertj.core.api.Assertions.catchThrowable(() -> DeclaredStack.of(fargateProd, "prod",
                Map.of(ContainerImageTest.DEV, new OfflineMocks.StackOutputs(
                        ContainerImageTest.devOutputs("linux/amd64", List.of(ContainerImageTest.PROD_PULLER)), Set.of()))));
        // then: the task runs dev's digest on ARM64, and an x86 image is refused naming fargateArchitecture
        assertThat(container(stack).get("image").getAsString()).isEqualTo(ContainerImageTest.DEV_IMAGE);
        assertThat(input(stack.one(TASK_DEFINITION, "web-task"), "runtimePlatform.cpuArchitecture")).isEqualTo("ARM64");
        assertThat(stack.stackOutput("imagePlatform")).isEqualTo("linux/arm64");
        assertThat(x86).hasMessageContaining("spotfleet:image promotes offline-organization/spotfleet/dev's linux/amd64 image,"
                + " but this stack runs on Fargate as arm64 (spotfleet:fargateArchitecture)");
    }

    @Test
    void anEc2StackStaysInBridgeModeOnItsInstances() {
        // given
        var stack = DeclaredStack.withDefaults();
        // when
        var task = stack.one(TASK_DEFINITION, "web-task");
        // then
        assertThat(input(task, "requiresCompatibilities")).isEqualTo(List.of("EC2"));
        assertThat(input(task, "networkMode")).isEqualTo("bridge");
        assertThat(task.inputs()).doesNotContainKey("runtimePlatform");
        assertThat(stack.one(ECS_SERVICE, "web-service").inputs()).doesNotContainKey("networkConfiguration");
        assertThat(stack.all(SECURITY_GROUP)).extracting(DeclaredResource::name).doesNotContain("fargate-tasks-sg");
        assertThat(container(stack).getAsJsonArray("portMappings").get(0).getAsJsonObject().get("hostPort").getAsInt()).isZero();
    }

    static JsonObject container(DeclaredStack stack) {
        return jsonInput(stack.one(TASK_DEFINITION, "web-task"), "containerDefinitions").getAsJsonArray().get(0).getAsJsonObject();
    }

    private static JsonElement json(Object value) {
        return new com.google.gson.Gson().toJsonTree(value);
    }
}
