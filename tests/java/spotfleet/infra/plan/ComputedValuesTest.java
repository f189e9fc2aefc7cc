package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.plan.ComputedValues.MARKER;

class ComputedValuesTest {

    private final ComputedValues computed = new ComputedValues(Set.of(
            "123456789012",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/cluster-images-0a1b2c3",
            "cluster-ecs-4d5e6f7",
            "1"));

    @Test
    void aMadeUpValueInsideATextIsMarkedThereAndTheLongestMatchWins() {
        // given / when
        var marked = computed.mark("123456789012.dkr.ecr.eu-west-1.amazonaws.com/cluster-images-0a1b2c3:dev");
        // then: the repository URL as a whole, not the account id inside it
        assertThat(marked).isEqualTo(MARKER + ":dev");
    }

    @Test
    void aShortMadeUpValueMarksOnlyAWholeValue() {
        // given / when / then: a launch template version "1" is computed, the 1 in 10.0.1.0/24 is not
        assertThat(computed.mark("1")).isEqualTo(MARKER);
        assertThat(computed.mark("10.0.1.0/24")).isEqualTo("10.0.1.0/24");
    }

    @Test
    void base64TextIsShownDecodedWithItsMadeUpPartsMarked() {
        // given user data naming a generated cluster
        var script = "#!/bin/bash\necho ECS_CLUSTER=cluster-ecs-4d5e6f7 >> /etc/ecs/ecs.config\n";
        var encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
        // when
        var marked = computed.mark(encoded);
        // then
        assertThat(marked).isEqualTo("base64(#!/bin/bash\necho ECS_CLUSTER=" + MARKER + " >> /etc/ecs/ecs.config\n)");
    }

    @Test
    void mapsAndListsAreWalkedKeysSortedAndWholeNumbersWrittenAsIntegers() {
        // given the engine's view of some inputs
        var inputs = Map.of("toPort", 80.0, "cidrBlock", "10.0.0.0/16", "subnets", List.of("cluster-ecs-4d5e6f7"), "weight", 0.5);
        // when
        @SuppressWarnings("unchecked")
        var marked = (Map<String, Object>) computed.mark(inputs);
        // then
        assertThat(marked).containsExactly(
                Map.entry("cidrBlock", (Object) "10.0.0.0/16"),
                Map.entry("subnets", (Object) List.of(MARKER)),
                Map.entry("toPort", (Object) 80L),
                Map.entry("weight", (Object) 0.5));
    }
}
