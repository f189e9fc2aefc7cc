package spotfleet.infra.components;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.InstanceScaling;
import spotfleet.infra.config.ServiceScalingMetric;
import spotfleet.infra.config.ServiceSettings;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.jsonInput;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

class WebServiceTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnTheCapacityProvider {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder()
                    .containerPort(8080).taskCpu(512).taskMemory(640).stopTimeoutSeconds(45)
                    .serviceMinTasks(3).serviceMaxTasks(9).serviceCpuTarget(60).scaleInCooldown(240).scaleOutCooldown(45)
                    .build()));
        }

        @Test
        void theTargetGroupChecksHealthOnTheAppsPortAndDrainsQuickly() {
            // given / when
            var targetGroup = stack.one(TARGET_GROUP, "web-tg");
            // then
            assertThat(input(targetGroup, "vpcId")).isEqualTo(stack.one(VPC, "network-vpc").id());
            assertThat(input(targetGroup, "targetType")).isEqualTo("instance");
            assertThat(input(targetGroup, "protocol")).isEqualTo("HTTP");
            assertThat(input(targetGroup, "port")).isEqualTo(8080.0);
            assertThat(input(targetGroup, "healthCheck.path")).isEqualTo("/healthcheck");
            assertThat(input(targetGroup, "healthCheck.port")).isEqualTo("traffic-port");
            assertThat(input(targetGroup, "healthCheck.matcher")).isEqualTo("200");
            assertThat(input(targetGroup, "deregistrationDelay")).isEqualTo(5.0);
        }

        @Test
        void drainingAndStoppingFitInTheSpotNotice() {
            // given
            var deregistration = (Double) input(stack.one(TARGET_GROUP, "web-tg"), "deregistrationDelay");
            // when
            var stopTimeout = container().get("stopTimeout").getAsInt();
            // then
            assertThat(deregistration).isLessThan(stopTimeout);
            assertThat(deregistration + stopTimeout).isLessThan(ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS);
        }

        @Test
        void theListenerRuleForwardsEverythingToTheServicesTargetGroup() {
            // given
            var rule = stack.one(LISTENER_RULE, "web-rule");
            var targetGroupArn = output(stack.one(TARGET_GROUP, "web-tg"), "arn");
            // when / then
            assertThat(input(rule, "listenerArn")).isEqualTo(output(stack.one(LISTENER, "loadbalancer-http"), "arn"));
            assertThat(input(rule, "conditions")).isEqualTo(List.of(Map.of("pathPattern", Map.of("values", List.of("/*")))));
            assertThat(input(rule, "actions")).isEqualTo(List.of(Map.of("type", "forward", "targetGroupArn", targetGroupArn)));
            assertThat(input(service(), "loadBalancers.0.targetGroupArn")).isEqualTo(targetGroupArn);
        }

        @Test
        void theTaskRunsInBridgeModeOnEc2WithTheConfiguredSize() {
            // given / when
            var task = stack.one(TASK_DEFINITION, "web-task");
            // then
            assertThat(input(task, "family")).isEqualTo("spotfleet-dev-web");
            assertThat(input(task, "networkMode")).isEqualTo("bridge");
            assertThat(input(task, "requiresCompatibilities")).isEqualTo(List.of("EC2"));
            assertThat(input(task, "cpu")).isEqualTo("512");
            assertThat(input(task, "memory")).isEqualTo("640");
            assertThat(input(task, "executionRoleArn")).isEqualTo(output(stack.one(ROLE, "web-execution-role"), "arn"));
            assertThat(input(task, "taskRoleArn")).isEqualTo(output(stack.one(ROLE, "web-task-role"), "arn"));
        }

        @Test
        void theContainerRunsThePushedImageByDigest() {
            // given
            var image = stack.one(DOCKER_IMAGE, "image-image");
            // when / then
            assertThat(container().get("image").getAsString()).isEqualTo(output(image, "repoDigest"))
                    .contains("@sha256:");
        }

        @Test
        void theContainerIsLockedDownAndPublishedOnADynamicHostPort() {
            // given / when
            var container = container();
            // then
            assertThat(container.get("readonlyRootFilesystem").getAsBoolean()).isTrue();
            assertThat(container.get("privileged").getAsBoolean()).isFalse();
            assertThat(container.get("essential").getAsBoolean()).isTrue();
            assertThat(container.get("memory").getAsInt()).isEqualTo(640);
            assertThat(container.has("memoryReservation")).isFalse();
            assertThat(container.get("cpu").getAsInt()).isEqualTo(512);
            var port = container.getAsJsonArray("portMappings").get(0).getAsJsonObject();
            assertThat(port.get("containerPort").getAsInt()).isEqualTo(8080);
            assertThat(port.get("hostPort").getAsInt()).isZero();
            var scratch = container.getAsJsonArray("mountPoints").get(0).getAsJsonObject();
            assertThat(scratch.get("containerPath").getAsString()).isEqualTo("/tmp");
            assertThat(input(stack.one(TASK_DEFINITION, "web-task"), "volumes"))
                    .isEqualTo(List.of(Map.of("name", scratch.get("sourceVolume").getAsString())));
        }

        @Test
        void theAppIsToldItsPortAndItsShutdownGrace() {
            // given / when
            var environment = container().getAsJsonArray("environment");
            // then
            assertThat(environment.asList()).extracting(e -> e.getAsJsonObject().get("name").getAsString() + "="
                    + e.getAsJsonObject().get("value").getAsString())
                    .containsExactly("PORT=8080", "SHUTDOWN_GRACE_SECONDS=43");
            assertThat(container().get("stopTimeout").getAsInt()).isEqualTo(45);
        }

        @Test
        void logsGoToTheClustersLogGroupInTheProvidersRegion() {
            // given / when
            var logging = container().getAsJsonObject("logConfiguration");
            var options = logging.getAsJsonObject("options");
            // then
            assertThat(logging.get("logDriver").getAsString()).isEqualTo("awslogs");
            assertThat(options.get("awslogs-group").getAsString()).isEqualTo(output(stack.one(LOG_GROUP, "cluster-logs"), "name"));
            assertThat(options.get("awslogs-region").getAsString()).isEqualTo("mock-region-1");
            assertThat(options.get("awslogs-stream-prefix").getAsString()).isEqualTo("app");
        }

        @Test
        void theServiceRollsSafelyAndSpreadsOverAzs() {
            // given / when
            var service = service();
            // then
            assertThat(input(service, "cluster")).isEqualTo(output(stack.one(ECS_CLUSTER, "cluster-ecs"), "arn"));
            assertThat(input(service, "taskDefinition")).isEqualTo(output(stack.one(TASK_DEFINITION, "web-task"), "arn"));
            assertThat(input(service, "desiredCount")).isEqualTo(3.0);
            assertThat(service.ignoreChanges()).containsExactly("desiredCount");
            // 50 on instances: a DRAINING Spot instance's tasks may stop before their replacements are healthy
            assertThat(input(service, "deploymentMinimumHealthyPercent")).isEqualTo(50.0);
            assertThat(input(service, "deploymentMaximumPercent")).isEqualTo(200.0);
            assertThat(input(service, "deploymentCircuitBreaker")).isEqualTo(Map.of("enable", true, "rollback", true));
            // a strategy change (onDemandTasks) updates the service in place instead of replacing it
            assertThat(input(service, "forceNewDeployment")).isEqualTo(true);
            assertThat(input(service, "healthCheckGracePeriodSeconds")).isEqualTo(60.0);
            assertThat(input(service, "loadBalancers.0.containerName")).isEqualTo("app");
            assertThat(input(service, "loadBalancers.0.containerPort")).isEqualTo(8080.0);
            // across AZs, then packed by memory so that instances empty and the spare stays free
            assertThat(input(service, "orderedPlacementStrategies")).isEqualTo(List.of(
                    Map.of("type", "spread", "field", "attribute:ecs.availability-zone"),
                    Map.of("type", "binpack", "field", "memory")));
        }

        @Test
        void theServicePlacesTasksWithTheCapacityProviderOnceItAndTheListenerRuleExist() {
            // given / when
            var service = service();
            // then
            assertThat(input(service, "capacityProviderStrategies")).isEqualTo(List.of(
                    Map.of("capacityProvider", output(stack.one(CAPACITY_PROVIDER, "capacity-on-demand-provider"), "name"),
                            "weight", 0.0, "base", 1.0),
                    Map.of("capacityProvider", output(stack.one(CAPACITY_PROVIDER, "capacity-provider"), "name"),
                            "weight", 1.0)));
            assertThat(service.inputs()).doesNotContainKey("launchType");
            assertThat(service.dependsOn()).containsExactlyInAnyOrder("web-rule", "capacity", "web-execution-permissions");
        }

        @Test
        void theTaskCountTracksCpuBetweenTheConfiguredBounds() {
            // given
            var target = stack.one(SCALING_TARGET, "web-scaling-target");
            var policy = stack.one(SCALING_POLICY, "web-cpu-target");
            // when / then
            assertThat(input(target, "resourceId")).isEqualTo("service/%s/%s".formatted(
                    output(stack.one(ECS_CLUSTER, "cluster-ecs"), "name"), output(service(), "name")));
            assertThat(input(target, "scalableDimension")).isEqualTo("ecs:service:DesiredCount");
            assertThat(input(target, "minCapacity")).isEqualTo(3.0);
            assertThat(input(target, "maxCapacity")).isEqualTo(9.0);
            assertThat(input(policy, "resourceId")).isEqualTo(input(target, "resourceId"));
            assertThat(input(policy, "targetTrackingScalingPolicyConfiguration")).isEqualTo(Map.of(
                    "predefinedMetricSpecification", Map.of("predefinedMetricType", "ECSServiceAverageCPUUtilization"),
                    "targetValue", 60.0, "scaleInCooldown", 240.0, "scaleOutCooldown", 45.0));
        }

        @Test
        void onlyTheExecutionRoleHasAPolicyAndBothTrustOnlyThisAccountsTasks() {
            // given
            var executionRole = stack.one(ROLE, "web-execution-role");
            var taskRole = stack.one(ROLE, "web-task-role");
            // when
            var attachments = stack.all(ROLE_POLICY_ATTACHMENT).stream()
                    .filter(a -> a.parent().equals(java.util.Optional.of("web"))).toList();
            var policies = stack.all(ROLE_POLICY).stream().filter(p -> p.parent().equals(java.util.Optional.of("web"))).toList();
            // then: no AWS-managed policy (AmazonECSTaskExecutionRolePolicy pulls from every repository); one of its own
            assertThat(attachments).isEmpty();
            assertThat(policies).extracting(p -> input(p, "role")).containsExactly(executionRole.id());
            for (var role : List.of(executionRole, taskRole)) {
                var statement = JsonParser.parseString((String) input(role, "assumeRolePolicy")).getAsJsonObject()
                        .getAsJsonArray("Statement").get(0).getAsJsonObject();
                assertThat(statement.getAsJsonObject("Principal").get("Service").getAsString()).isEqualTo("ecs-tasks.amazonaws.com");
                assertThat(statement.getAsJsonObject("Condition").getAsJsonObject("StringEquals").get("aws:SourceAccount").getAsString())
                        .isEqualTo("123456789012");
            }
        }

        @Test
        void theExecutionRolePullsFromTheStacksRepositoryAndWritesToItsLogGroupOnly() {
            // given
            var repository = stack.one(ECR_REPOSITORY, "cluster-images");
            var logs = stack.one(LOG_GROUP, "cluster-logs");
            // when
            var statements = jsonInput(stack.one(ROLE_POLICY, "web-execution-permissions"), "policy").getAsJsonObject()
                    .getAsJsonArray("Statement").asList();
            // then
            assertThat(statements).extracting(s -> s.getAsJsonObject().get("Sid").getAsString(),
                    s -> s.getAsJsonObject().get("Resource").toString()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("PullTheImage", "\"" + output(repository, "arn") + "\""),
                    org.assertj.core.groups.Tuple.tuple("AuthenticateToEcr", "\"*\""),
                    org.assertj.core.groups.Tuple.tuple("WriteTheServicesLogs", "\"" + output(logs, "arn") + ":*\""));
        }

        @Test
        void theExecutionRoleLivesUnderTheStacksPullPath() {
            // given / when / then: what a promotion source's repository policy names
            assertThat(input(stack.one(ROLE, "web-execution-role"), "path")).isEqualTo("/spotfleet/dev/");
            assertThat(input(stack.one(ROLE, "web-task-role"), "path")).isNull();
        }

        private DeclaredResource service() {
            return stack.one(ECS_SERVICE, "web-service");
        }

        private JsonObject container() {
            var definitions = JsonParser.parseString((String) input(stack.one(TASK_DEFINITION, "web-task"), "containerDefinitions"))
                    .getAsJsonArray();
            assertThat(definitions).hasSize(1);
            return definitions.get(0).getAsJsonObject();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithCpuScaledInstances {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder().instanceScaling(InstanceScaling.CPU).onDemandTasks(0).build()));
        }

        @Test
        void theServiceUsesTheEc2LaunchTypeInsteadOfACapacityProvider() {
            // given / when
            var service = stack.one(ECS_SERVICE, "web-service");
            // then
            assertThat(input(service, "launchType")).isEqualTo("EC2");
            assertThat(service.inputs()).doesNotContainKey("capacityProviderStrategies");
        }
    }

    /** A team's own service: its port, health route, variables, secrets, and scaling on requests. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ATeamsOwnService {
        static final String DB_PASSWORD = "arn:aws:ssm:eu-west-1:111122223333:parameter/shop/db-password";
        static final String API_KEY = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/api-key-AbC123";
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder()
                    .containerPort(8080).healthCheckPath("/actuator/health")
                    .environment(List.of("LOG_LEVEL=info", "FEATURES=a,b"))
                    .secrets(List.of("DB_PASSWORD=" + DB_PASSWORD, "API_KEY=" + API_KEY, "API_USER=" + API_KEY + ":user::"))
                    .serviceScalingMetric(ServiceScalingMetric.REQUESTS).serviceRequestsPerTarget(600)
                    .build()));
        }

        @Test
        void theLoadBalancerAsksTheServicesOwnHealthRoute() {
            // given / when / then
            assertThat(input(stack.one(TARGET_GROUP, "web-tg"), "healthCheck.path")).isEqualTo("/actuator/health");
        }

        @Test
        void theContainerGetsTheProgramsVariablesThenTheStacksAndTheSecretsByArn() {
            // given / when
            var container = JsonParser.parseString((String) input(stack.one(TASK_DEFINITION, "web-task"), "containerDefinitions"))
                    .getAsJsonArray().get(0).getAsJsonObject();
            // then
            assertThat(container.getAsJsonArray("environment").asList()).extracting(e -> e.getAsJsonObject().get("name").getAsString()
                    + "=" + e.getAsJsonObject().get("value").getAsString())
                    .containsExactly("PORT=8080", "SHUTDOWN_GRACE_SECONDS=28", "LOG_LEVEL=info", "FEATURES=a,b");
            assertThat(container.getAsJsonArray("secrets").asList()).extracting(e -> e.getAsJsonObject().get("name").getAsString()
                    + "=" + e.getAsJsonObject().get("valueFrom").getAsString())
                    .containsExactly("DB_PASSWORD=" + DB_PASSWORD, "API_KEY=" + API_KEY, "API_USER=" + API_KEY + ":user::");
        }

        @Test
        void theExecutionRoleReadsExactlyTheNamedParametersAndSecrets() {
            // given / when
            var statements = jsonInput(stack.one(ROLE_POLICY, "web-execution-permissions"), "policy").getAsJsonObject()
                    .getAsJsonArray("Statement").asList().stream().map(com.google.gson.JsonElement::getAsJsonObject).toList();
            // then: one statement per service, its one read action, the parameter and the secret themselves
            assertThat(statements).filteredOn(s -> s.get("Sid").getAsString().startsWith("Read"))
                    .extracting(s -> s.get("Sid").getAsString(), s -> s.get("Action").toString(), s -> s.get("Resource").toString())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("ReadTheSsmParameters", "[\"ssm:GetParameters\"]", "\"" + DB_PASSWORD + "\""),
                            org.assertj.core.groups.Tuple.tuple("ReadTheSecrets", "[\"secretsmanager:GetSecretValue\"]", "\"" + API_KEY + "\""));
        }

        @Test
        void theTaskCountTracksRequestsPerTaskOnThisLoadBalancersTargetGroup() {
            // given
            var alb = stack.one(LOAD_BALANCER, "loadbalancer-alb");
            var targetGroup = stack.one(TARGET_GROUP, "web-tg");
            // when
            var policy = stack.one(SCALING_POLICY, "web-requests-target");
            // then: app/<lb>/<id>/targetgroup/<tg>/<id>, from the two real ARN suffixes
            assertThat(input(policy, "targetTrackingScalingPolicyConfiguration")).isEqualTo(Map.of(
                    "predefinedMetricSpecification", Map.of("predefinedMetricType", "ALBRequestCountPerTarget",
                            "resourceLabel", output(alb, "arnSuffix") + "/" + output(targetGroup, "arnSuffix")),
                    "targetValue", 600.0, "scaleInCooldown", 300.0, "scaleOutCooldown", 60.0));
            assertThat(stack.all(SCALING_POLICY)).hasSize(1);
            assertThat((String) input(policy, "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.resourceLabel"))
                    .matches("app/[^/]+/[^/]+/targetgroup/[^/]+/[^/]+");
        }
    }
}
