package spotfleet.contract;

import org.junit.jupiter.api.Test;
import spotfleet.infra.config.FargateTaskSizes;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The program's Fargate task sizes ({@link FargateTaskSizes}, which validates {@code taskCpu}/{@code taskMemory} on a
 * Fargate stack) are the ones the ecs model's documentation lists (under {@code RegisterTaskDefinitionRequest.cpu} in
 * botocore 1.29, under {@code memory} in 1.43), read from botocore's own text, and the ones AWS's API reference lists
 * (the sourced copy the check uses when a model lists them nowhere); and the check refuses any other size.
 */
class FargateTaskSizesTest {

    @Test
    void theProgramsTableIsWhatEveryCheckedModelSays() {
        for (var models : ServiceModels.checked()) {
            // given the models' text / when the table is read from it (cpu's list in 1.29, memory's in 1.43)
            var read = EcsConstraints.fargateSizes(models);
            // then it comes from the model itself, and it is the program's table: every CPU value with every memory value, in MiB
            assertThat(read.source()).as("%s has the table", models.describe()).isEmpty();
            assertThat(read.sizes()).as(models.describe()).containsExactlyEntriesOf(FargateTaskSizes.MEMORY_BY_CPU);
        }
        var floor = EcsConstraints.fargateSizes(ServiceModels.floorRequired());
        assertThat(floor.quotes()).containsExactly(EcsConstraints.CPU_TABLE);
        assertThat(floor.sizes().get(8192)).startsWith(16384, 20480).endsWith(61440).hasSize(12);
        assertThat(floor.sizes().get(16384)).startsWith(32768, 40960).endsWith(122880).hasSize(12);
    }

    @Test
    void theSourcedCopyIsTheSameTableAndIsUsedWhenTheModelListsItNowhere(@TempDir Path root) throws Exception {
        // given an ecs model whose cpu and memory documentation carry no table
        var version = Files.createDirectories(root.resolve("botocore/data/ecs/2014-11-13"));
        Files.writeString(root.resolve("botocore/__init__.py"), "__version__ = '9.9.9'\n");
        Files.writeString(version.resolve("service-2.json"), """
                {"operations": {}, "metadata": {}, "shapes": {"RegisterTaskDefinitionRequest": {"type": "structure", "members": {
                  "cpu": {"shape": "String", "documentation": "<p>For information about the valid values, see Task size.</p>"},
                  "memory": {"shape": "String", "documentation": "<p>The amount of memory.</p>"}}}}}""");
        // when
        var read = EcsConstraints.fargateSizes(ServiceModels.at(root.resolve("botocore/data")));
        // then: AWS's own words, quoted with where they are, give the same table as the models that still carry it
        assertThat(read.source()).contains("https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html");
        assertThat(read.quotes()).isEqualTo(EcsConstraints.SOURCED_FARGATE_TABLE);
        assertThat(read.sizes()).containsExactlyEntriesOf(FargateTaskSizes.MEMORY_BY_CPU);
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
