package spotfleet.infra.components;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.OfflineMocks;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.*;

/** Graviton instance types switch the AMI to the arm64 one and the image build to linux/arm64. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GravitonTest {

    static final String ARM64_AMI_PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id";

    DeclaredStack stack;

    @BeforeEach
    void declare() {
        stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder().instanceTypes(List.of("t4g.micro", "t4g.small")).build()));
    }

    @Test
    void theLaunchTemplateRunsTheArm64EcsAmi() {
        // given / when
        var template = stack.one(LAUNCH_TEMPLATE, "capacity-launch-template");
        // then
        assertThat(stack.invokes(GET_PARAMETER)).extracting(i -> i.args().get("name")).containsExactly(ARM64_AMI_PARAMETER);
        assertThat(input(template, "imageId")).isEqualTo(OfflineMocks.amiFor(ARM64_AMI_PARAMETER));
    }

    @Test
    void theImageIsBuiltForArm64() {
        // given / when / then
        assertThat(input(stack.one(DOCKER_IMAGE, "image-image"), "build.platform")).isEqualTo("linux/arm64");
    }

    @Test
    void theGroupLaunchesTheGravitonTypes() {
        // given / when / then
        assertThat(input(stack.one(AUTO_SCALING_GROUP, "capacity-asg"), "mixedInstancesPolicy.launchTemplate.overrides"))
                .isEqualTo(List.of(Map.of("instanceType", "t4g.micro"), Map.of("instanceType", "t4g.small")));
    }
}
