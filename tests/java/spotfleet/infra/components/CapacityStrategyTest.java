package spotfleet.infra.components;

import com.pulumi.core.Output;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strategy's shape; the values it sends are checked on the declared service and cluster (CapacityTest, FargateTest). */
class CapacityStrategyTest {

    @Test
    void theOnDemandBaseComesFirstWithWeightZeroAndSpotTakesTheRest() {
        // given / when
        var strategy = CapacityStrategy.onDemandBaseThenSpot(Optional.of(Output.of("od")), Output.of("spot"), 3);
        // then
        assertThat(strategy.items()).extracting(CapacityStrategy.Item::base, CapacityStrategy.Item::weight).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Optional.of(3), 0), org.assertj.core.groups.Tuple.tuple(Optional.empty(), 1));
    }

    @Test
    void withoutOnDemandTasksTheStrategyIsSpotAlone() {
        // given / when
        var strategy = CapacityStrategy.onDemandBaseThenSpot(Optional.empty(), Output.of("spot"), 0);
        // then
        assertThat(strategy.items()).singleElement().satisfies(item -> {
            assertThat(item.base()).isEmpty();
            assertThat(item.weight()).isEqualTo(1);
        });
    }

    @Test
    void anOnDemandProviderGoesWithOnDemandTasksAndOnlyWithThem() {
        // given / when / then
        assertThatThrownBy(() -> CapacityStrategy.onDemandBaseThenSpot(Optional.empty(), Output.of("spot"), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 on-demand tasks, provider missing");
        assertThatThrownBy(() -> CapacityStrategy.onDemandBaseThenSpot(Optional.of(Output.of("od")), Output.of("spot"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 on-demand tasks, provider given");
    }
}
