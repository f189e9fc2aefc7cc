package spotfleet.infra.components;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
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
        assertThat(alarmWidgetArns(stack)).hasSize(8).isEqualTo(stack.all(METRIC_ALARM).stream().map(a -> output(a, "arn")).toList());
    }

    /** The alarm ARNs the dashboard's alarm widget shows. */
    static List<Object> alarmWidgetArns(DeclaredStack stack) {
        var body = jsonInput(stack.one(DASHBOARD, "dashboard-cloudwatch"), "dashboardBody").getAsJsonObject();
        return body.getAsJsonArray("widgets").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(widget -> widget.get("type").getAsString().equals("alarm")).findFirst().orElseThrow()
                .getAsJsonObject("properties").getAsJsonArray("alarms").asList().stream()
                .map(arn -> (Object) arn.getAsString()).toList();
    }

    static JsonObject container(DeclaredStack stack) {
        return jsonInput(stack.one(TASK_DEFINITION, "web-task"), "containerDefinitions").getAsJsonArray().get(0).getAsJsonObject();
    }

    private static JsonElement json(Object value) {
        return new com.google.gson.Gson().toJsonTree(value);
    }
}
