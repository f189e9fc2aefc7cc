package spotfleet.contract;

import org.junit.jupiter.api.Test;
import spotfleet.infra.config.FargateTaskSizes;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The program's Fargate task sizes ({@link FargateTaskSizes}, which validates {@code taskCpu}/{@code taskMemory} on a
 * Fargate stack) are the ones the ecs model's documentation of {@code RegisterTaskDefinitionRequest.cpu} lists, read
 * from botocore's own text; and the contract check refuses a Fargate task definition of any other size.
 */
class FargateTaskSizesTest {

    static String cpuDocumentation() {
        return ServiceModels.installed().service("ecs").shape("RegisterTaskDefinitionRequest").json()
                .getAsJsonObject("members").getAsJsonObject("cpu").get("documentation").getAsString();
    }

    @Test
    void theProgramsTableIsTheModelsDocumentation() {
        // given the model's text / when it is read
        var documented = EcsConstraints.documentedFargateSizes(cpuDocumentation());
        // then: every CPU value with every memory value, in MiB
        assertThat(documented).containsExactlyEntriesOf(FargateTaskSizes.MEMORY_BY_CPU);
        assertThat(documented.get(8192)).startsWith(16384, 20480).endsWith(61440).hasSize(12);
        assertThat(documented.get(16384)).startsWith(32768, 40960).endsWith(122880).hasSize(12);
    }

    @Test
    void aFargateTaskDefinitionOfAnotherSizeIsRefusedAndAnEc2OneIsNotJudged() {
        // given the check's rule
        var rule = EcsConstraints.fargateTaskSize(FargateTaskSizes.MEMORY_BY_CPU);
        // when / then
        assertThat(rule.apply(Map.of("requiresCompatibilities", List.of("FARGATE"), "cpu", "256", "memory", "512"))).isEmpty();
        assertThat(rule.apply(Map.of("requiresCompatibilities", List.of("FARGATE"), "cpu", "256", "memory", "256")))
                .singleElement().satisfies(v -> {
                    assertThat(v.subPath()).isEqualTo("memory");
                    assertThat(v.message()).contains("\"256\" is not a memory value Fargate offers with 256 CPU units ([512, 1024, 2048])");
                });
        assertThat(rule.apply(Map.of("requiresCompatibilities", List.of("FARGATE"), "cpu", "384", "memory", "1024")))
                .singleElement().satisfies(v -> assertThat(v.subPath()).isEqualTo("cpu"));
        assertThat(rule.apply(Map.of("requiresCompatibilities", List.of("FARGATE"), "cpu", "256"))).hasSize(1);
        assertThat(rule.apply(Map.of("requiresCompatibilities", List.of("EC2"), "cpu", "256", "memory", "256"))).isEmpty();
        assertThat(rule.apply(Map.of("cpu", "256", "memory", "256"))).isEmpty();
    }
}
