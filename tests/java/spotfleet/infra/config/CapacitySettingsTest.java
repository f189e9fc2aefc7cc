package spotfleet.infra.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The capacity keys' own checks, as {@link StackConfig#parse} reports them. */
class CapacitySettingsTest {

    @Test
    void anEc2StackMayNotBeCappedAtNoInstances() {
        // given a group with room for no instance at all (every other limit at 0 so that only this one is wrong)
        var raw = Map.of("spotfleet:minInstances", "0", "spotfleet:maxInstances", "0", "spotfleet:onDemandTasks", "0");
        // when / then
        assertThatThrownBy(() -> StackConfig.parse(raw)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("spotfleet:maxInstances (0) must be >= 1");
        assertThatCode(() -> StackConfig.parse(Map.of("spotfleet:minInstances", "0", "spotfleet:maxInstances", "1",
                "spotfleet:onDemandTasks", "0"))).doesNotThrowAnyException();
    }

    @Test
    void theTaskMustFitTheSmallestListedTypeWhereverTheListNamesIt() {
        // given a task a t3.large holds and a t3.micro does not, the t3.micro listed last
        var raw = Map.of("spotfleet:instanceTypes", "[\"t3.large\",\"t3.micro\"]", "spotfleet:taskMemory", "2048");
        // when / then: the t3.micro is the one named, not the first listed
        assertThatThrownBy(() -> StackConfig.parse(raw)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("spotfleet:taskMemory (2048) is too large for the smallest instance type t3.micro");
        assertThatCode(() -> StackConfig.parse(Map.of("spotfleet:instanceTypes", "[\"t3.large\"]", "spotfleet:taskMemory", "2048")))
                .doesNotThrowAnyException();
    }
}
