package spotfleet.infra.components;

import org.junit.jupiter.api.Test;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.InvalidConfigException;
import spotfleet.infra.config.StackConfig;
import spotfleet.infra.config.StackSettings;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

/** spotfleet:spotInterruptionDrill: the FIS template and its role exist only when asked for, on EC2, and are exported. */
class SpotInterruptionDrillTest {

    @Test
    void withoutTheKeyThereIsNoExperimentTemplateAndNoOutput() {
        // given / when
        var stack = DeclaredStack.withDefaults();
        // then
        assertThat(stack.all(EXPERIMENT_TEMPLATE)).isEmpty();
        assertThat(stack.resources()).noneMatch(r -> r.type().equals("spotfleet:index:SpotInterruptionDrill"));
        assertThat(stack.evaluation().outputs()).doesNotContainKey("spotInterruptionExperimentTemplateId")
                .containsKey("autoScalingGroupName");
    }

    @Test
    void theAcceptanceStackDeclaresTheTemplateOnItsSpotGroupAndExportsItsId() {
        // given the committed acceptance stack (spotfleet:spotInterruptionDrill: true)
        var stack = DeclaredStack.committed("acceptance");
        // when
        var template = stack.one(EXPERIMENT_TEMPLATE, "spotinterruption-template");
        var spotGroup = stack.one(AUTO_SCALING_GROUP, "capacity-asg");
        var role = stack.one(ROLE, "spotinterruption-role");
        // then
        assertThat(stack.stackOutput("spotInterruptionExperimentTemplateId")).isEqualTo(template.id());
        assertThat(input(template, "targets.0.resourceTags.0")).isEqualTo(Map.of("key", "aws:autoscaling:groupName",
                "value", output(spotGroup, "name")));
        assertThat(input(template, "roleArn")).isEqualTo(output(role, "arn"));
        assertThat(input(template, "stopConditions")).asList().hasSize(2);
        assertThat(template.dependsOn()).contains("spotinterruption-permissions");
        assertThat(template.parent()).hasValueSatisfying(parent -> assertThat(parent).contains("spotinterruption"));
    }

    @Test
    void aFargateStackRefusesTheDrillNamingTheKey() {
        // given a Fargate stack that asks for the drill
        var config = Map.of("spotfleet:runOn", "fargate", "spotfleet:taskMemory", "512", "spotfleet:spotInterruptionDrill", "true");
        // when / then
        assertThatThrownBy(() -> StackConfig.parse(config)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("spotfleet:spotInterruptionDrill is true on a stack with spotfleet:runOn fargate");
    }

    @Test
    void theDrillIsOffByDefault() {
        assertThat(StackSettings.defaults().spotInterruptionDrill()).isFalse();
        assertThat(StackConfig.parse(Map.of()).spotInterruptionDrill()).isFalse();
    }
}
