package spotfleet.infra.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@code runOn: fargate}: its keys, the task sizes Fargate runs, its stop timeout, and the keys of the other platform. */
class FargateConfigTest {

    static final String RUN_ON = "spotfleet:runOn";
    static final String MEMORY = "spotfleet:taskMemory";

    /** The smallest valid Fargate stack, as a stack file writes it. */
    static Map<String, String> fargate(String... more) {
        var config = new LinkedHashMap<String, String>(Map.of(RUN_ON, "fargate", MEMORY, "512"));
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    @Test
    void aFargateStackReadsItsKeys() {
        // given
        var raw = fargate("spotfleet:fargateOnDemandTasks", "3", "spotfleet:fargateArchitecture", "x86_64",
                "spotfleet:serviceMaxTasks", "6", "spotfleet:stopTimeoutSeconds", "120");
        // when
        var settings = StackConfig.parse(raw);
        // then
        assertThat(settings.capacity().runOn()).isEqualTo(RunOn.FARGATE);
        assertThat(settings.capacity()).isInstanceOf(CapacitySettings.OnFargate.class);
        assertThat(((CapacitySettings.OnFargate) settings.capacity()).onDemandTasks()).isEqualTo(3);
        assertThat(settings.capacity().architecture()).isEqualTo(Architecture.X86_64);
        assertThat(settings.service().stopTimeoutSeconds()).isEqualTo(120);
        assertThat(StackConfig.values(settings)).containsEntry("runOn", "fargate").containsEntry("fargateArchitecture", "x86_64");
    }

    @Test
    void anEc2StacksArchitectureStillFollowsItsInstanceTypes() {
        // given / when
        var settings = StackConfig.parse(Map.of("spotfleet:instanceTypes", "[\"m7g.large\"]"));
        // then: fargateArchitecture (arm64 by default) has no say
        assertThat(settings.capacity().architecture()).isEqualTo(Architecture.ARM64);
        assertThat(StackConfig.parse(Map.of()).capacity().architecture()).isEqualTo(Architecture.X86_64);
        assertThat(StackConfig.parse(Map.of()).capacity()).isInstanceOf(CapacitySettings.OnEc2.class);
    }

    @Test
    void everyKeyAtPulumiYamlsDefaultIsAcceptedOnFargateAsTheCliPassesThem() {
        // given the whole config as the Pulumi CLI hands it over: every key, Pulumi.yaml's default where the file is silent
        var raw = new LinkedHashMap<String, String>();
        StackConfig.values(StackSettings.defaults()).forEach((key, value) -> raw.put(StackConfig.NAMESPACE + ":" + key,
                value instanceof List<?> list ? new com.google.gson.Gson().toJson(list) : String.valueOf(value)));
        raw.putAll(fargate());
        // when
        var settings = StackConfig.parse(raw);
        // then
        assertThat(settings.capacity()).isInstanceOf(CapacitySettings.OnFargate.class);
    }

    @Test
    void aTaskLargerThanTheDefaultInstancesIsFineOnFargate() {
        // given a task no t3.micro could hold
        var raw = fargate("spotfleet:taskCpu", "4096", MEMORY, "30720");
        // when / then
        assertThat(StackConfig.parse(raw).service().taskMemory()).isEqualTo(30720);
        assertThatThrownBy(() -> StackConfig.parse(Map.of("spotfleet:taskCpu", "4096", MEMORY, "30720")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("too large for the smallest instance type");
    }

    @Test
    void everySizeFargateRunsIsAcceptedAndItsNeighboursAreNot() {
        FargateTaskSizes.MEMORY_BY_CPU.forEach((cpu, memory) -> {
            for (var mib : memory) {
                assertThat(StackConfig.parse(fargate("spotfleet:taskCpu", String.valueOf(cpu), MEMORY, String.valueOf(mib)))
                        .service().taskMemory()).isEqualTo(mib);
            }
            for (var mib : List.of(memory.getFirst() - 1, memory.getLast() + 1)) {
                assertThatThrownBy(() -> StackConfig.parse(fargate("spotfleet:taskCpu", String.valueOf(cpu), MEMORY, String.valueOf(mib))))
                        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("spotfleet:taskMemory (%d)".formatted(mib));
            }
        });
    }

    static Stream<Arguments> badFargateConfig() {
        return Stream.of(
                arguments(Map.of(RUN_ON, "fargate"),
                        "spotfleet:taskMemory (256) is not a memory size Fargate runs with spotfleet:taskCpu 256: use one of 512,"
                                + " 1024, 2048 (Pulumi.yaml's default of 256 MiB is for ec2; a fargate stack sets taskMemory)"),
                arguments(fargate("spotfleet:taskCpu", "1024", MEMORY, "1024"),
                        "spotfleet:taskMemory (1024) is not a memory size Fargate runs with spotfleet:taskCpu 1024: use one of 2048,"
                                + " 3072, 4096, 5120, 6144, 7168, 8192 (Pulumi.yaml's default of 256 MiB is for ec2; a fargate stack"
                                + " sets taskMemory)"),
                arguments(fargate("spotfleet:taskCpu", "384"),
                        "spotfleet:taskCpu (384) is not a task size Fargate runs: use one of 256, 512, 1024, 2048, 4096, 8192, 16384"),
                arguments(fargate("spotfleet:fargateOnDemandTasks", "5"),
                        "spotfleet:fargateOnDemandTasks (5) must be <= spotfleet:serviceMaxTasks (4)"),
                arguments(fargate("spotfleet:fargateOnDemandTasks", "-1"), "spotfleet:fargateOnDemandTasks (-1) must be >= 0"),
                arguments(fargate("spotfleet:stopTimeoutSeconds", "121"),
                        "spotfleet:stopTimeoutSeconds (121) must be between 6 (the app drains for 3 s, then needs 2 s to exit before"
                                + " SIGKILL) and 120 (on Fargate the SIGTERM comes with the 120 s Spot interruption warning, and ECS"
                                + " allows no more)"),
                arguments(fargate("spotfleet:stopTimeoutSeconds", "5"),
                        "spotfleet:stopTimeoutSeconds (5) must be between 6 (the app drains for 3 s, then needs 2 s to exit before"
                                + " SIGKILL) and 120"),
                arguments(Map.of("spotfleet:stopTimeoutSeconds", "105"),
                        "spotfleet:stopTimeoutSeconds (105) must be between 6 (the app drains for 3 s, then needs 2 s to exit before"
                                + " SIGKILL) and 104 (the agent's 1 s poll, the scheduler's 10 s allowance, the 5 s target"
                                + " deregistration and the stop timeout must end inside the 120 s Spot interruption notice)"),
                arguments(Map.of(RUN_ON, "lambda"), "spotfleet:runOn (lambda) must be one of ec2, fargate"),
                arguments(fargate("spotfleet:fargateArchitecture", "amd64"),
                        "spotfleet:fargateArchitecture (amd64) must be one of x86_64, arm64"),
                arguments(fargate("spotfleet:instanceTypes", "[\"m7g.medium\", \"c7g.medium\"]"),
                        "spotfleet:instanceTypes ([m7g.medium, c7g.medium]) only applies when spotfleet:runOn is ec2, and this stack"
                                + " runs on fargate: remove it from the stack file"),
                arguments(fargate("spotfleet:minInstances", "0"),
                        "spotfleet:minInstances (0) only applies when spotfleet:runOn is ec2, and this stack runs on fargate:"
                                + " remove it from the stack file"),
                arguments(fargate("spotfleet:instanceRefresh", "false"),
                        "spotfleet:instanceRefresh (false) only applies when spotfleet:runOn is ec2"),
                arguments(Map.of("spotfleet:fargateOnDemandTasks", "2"),
                        "spotfleet:fargateOnDemandTasks (2) only applies when spotfleet:runOn is fargate, and this stack runs on"
                                + " ec2: remove it from the stack file"),
                arguments(Map.of("spotfleet:fargateArchitecture", "x86_64"),
                        "spotfleet:fargateArchitecture (x86_64) only applies when spotfleet:runOn is fargate"));
    }

    @ParameterizedTest
    @MethodSource("badFargateConfig")
    void badFargateConfigIsRejectedNamingTheKeyAndTheValue(Map<String, String> raw, String expectedProblem) {
        // given / when / then
        assertThatThrownBy(() -> StackConfig.parse(raw))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).anySatisfy(
                        problem -> assertThat(problem).startsWith(expectedProblem)));
    }

    @Test
    void everyInstanceKeySetOnFargateIsNamedAtOnce() {
        // given a prod-like EC2 stack file switched to Fargate without removing its instance keys
        var raw = fargate("spotfleet:instanceTypes", "[\"m7g.medium\"]", "spotfleet:onDemandTasks", "2",
                "spotfleet:maxInstances", "12", "spotfleet:spotAllocationStrategy", "price-capacity-optimized");
        // when / then
        assertThatThrownBy(() -> StackConfig.parse(raw)).isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).hasSize(4).allSatisfy(problem ->
                        assertThat(problem).contains("only applies when spotfleet:runOn is ec2")));
    }

    @Test
    void theOtherPlatformsKeysAreKnownAndTheRestAreUsedEverywhere() {
        // given / when / then
        assertThat(StackConfig.usedOn("instanceTypes", RunOn.FARGATE)).isFalse();
        assertThat(StackConfig.usedOn("instanceTypes", RunOn.EC2)).isTrue();
        assertThat(StackConfig.usedOn("fargateOnDemandTasks", RunOn.EC2)).isFalse();
        assertThat(StackConfig.usedOn("fargateOnDemandTasks", RunOn.FARGATE)).isTrue();
        assertThat(StackConfig.usedOn("taskMemory", RunOn.FARGATE)).isTrue();
        assertThat(StackConfig.usedOn("taskMemory", RunOn.EC2)).isTrue();
        var keys = StackConfig.KEYS.stream().map(ConfigKey::name).toList();
        assertThat(keys).containsAll(StackConfig.EC2_ONLY_KEYS).containsAll(StackConfig.FARGATE_ONLY_KEYS);
    }

    @Test
    void settingsBuiltDirectlyForFargateSkipTheInstanceSizeCheck() {
        // given / when
        var settings = StackSettings.defaults().toBuilder().runOn(RunOn.FARGATE).fargateOnDemandTasks(2)
                .fargateArchitecture(Architecture.X86_64).taskCpu(2048).taskMemory(16384).build();
        // then
        assertThat(settings.service().taskMemory()).isEqualTo(16384);
        assertThat(((CapacitySettings.OnFargate) settings.capacity()).onDemandTasks()).isEqualTo(2);
        assertThat(settings.capacity().architecture()).isEqualTo(Architecture.X86_64);
        assertThatThrownBy(() -> StackSettings.defaults().toBuilder().runOn(RunOn.FARGATE).build())
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("spotfleet:taskMemory (256)");
    }
}
