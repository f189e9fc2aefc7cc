package spotfleet.infra.offline;

import org.junit.jupiter.api.Test;
import spotfleet.infra.offline.ResourceTypes.Tier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an entry of ResourceTypes is before it says more, and what each of its settings changes. */
class ResourceTypeEntryTest {

    @Test
    void aNewEntryIsTitledFromItsTokenShowsAllInputsAndHasNotStatedItsCalls() {
        // given / when
        var entry = ResourceTypes.type("aws:ssm/parameter:Parameter");
        var outputs = new LinkedHashMap<String, Object>();
        entry.madeUpOutputs().add(outputs, "name", Map.of("value", "x"), "eu-west-1");
        // then
        assertThat(entry.token()).isEqualTo("aws:ssm/parameter:Parameter");
        assertThat(entry.title()).isEqualTo("Parameter");
        assertThat(entry.tier()).isEqualTo(Tier.PLATFORM);
        assertThat(entry.keyPaths()).isEmpty();
        assertThat(entry.statesItsCalls()).isFalse();
        assertThat(outputs).isEmpty();
    }

    @Test
    void eachSettingReplacesItsDefaultOnly() {
        // given
        var entry = ResourceTypes.type("aws:sns/topicSubscription:TopicSubscription");
        // when
        var stated = entry.title("subscription").tier(Tier.TRAFFIC).keySettings().reads().writes("sns:Subscribe");
        // then
        assertThat(entry.tier()).isEqualTo(Tier.SUPPORT);
        assertThat(stated.title()).isEqualTo("subscription");
        assertThat(stated.tier()).isEqualTo(Tier.TRAFFIC);
        assertThat(stated.keyPaths()).contains(List.of());
        assertThat(stated.readActions()).isEmpty();
        assertThat(stated.writeActions()).containsExactly("sns:Subscribe");
        assertThat(stated.statesItsCalls()).isTrue();
        assertThat(entry.reads("sns:GetSubscriptionAttributes").statesItsCalls()).isFalse();
    }

    @Test
    void theStubNamesTheTypeAndItsModuleWithActionsThePolicyTestsRejectUntilFilledIn() {
        // given / when
        var stub = ResourceTypes.stub("aws:ecs/service:Service");
        // then
        assertThat(stub).contains("internal/service/ecs/", "type(\"aws:ecs/service:Service\")",
                ".reads(\"ecs:<each call of its Read>\")", ".writes(\"ecs:<each call of its create, update and delete>\"),")
                .endsWith(",\n");
    }

    @Test
    void everyEntryIsFoundByItsToken() {
        assertThat(ResourceTypes.ALL).isNotEmpty().allSatisfy(entry -> assertThat(ResourceTypes.of(entry.token())).contains(entry));
        assertThat(ResourceTypes.of("aws:ssm/parameter:Parameter")).isEmpty();
    }
}
