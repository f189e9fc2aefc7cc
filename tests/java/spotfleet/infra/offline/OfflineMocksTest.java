package spotfleet.infra.offline;

import com.google.common.collect.ImmutableMap;
import com.pulumi.test.Mocks;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineMocksTest {

    @Test
    void anUnknownResourceTypeGetsItsInputsBackAsState() {
        // given
        var mocks = new OfflineMocks();
        // when
        var result = mocks.newResourceAsync(new Mocks.ResourceArgs("acme:index:Widget", "widget", Map.of("size", 3.0), "", "")).join();
        // then
        assertThat(result.id.orElseThrow()).isEqualTo("widget-" + OfflineMocks.hex("acme:index:Widgetwidget", 7));
        assertThat(((Map<?, ?>) result.state).get("size")).isEqualTo(3.0);
        assertThat(mocks.resources()).extracting(OfflineMocks.RecordedResource::type).containsExactly("acme:index:Widget");
    }

    @Test
    void anUnknownInvokeIsAnsweredWithNothing() {
        // given
        var mocks = new OfflineMocks();
        // when
        var result = mocks.callAsync(new Mocks.CallArgs("acme:index:getWidget", ImmutableMap.of("id", "w-1"), "")).join();
        // then
        assertThat(result).isEmpty();
        assertThat(mocks.invokes()).extracting(OfflineMocks.RecordedInvoke::token).containsExactly("acme:index:getWidget");
    }

    @Test
    void aGivenNameIsKeptAndEc2IdsCarryTheirPrefix() {
        // given
        var mocks = new OfflineMocks();
        // when
        var result = mocks.newResourceAsync(new Mocks.ResourceArgs("aws:ec2/vpc:Vpc", "vpc", Map.of("name", "main"), "", "")).join();
        // then
        assertThat(result.id.orElseThrow()).startsWith("vpc-").hasSize(21);
        var state = (Map<?, ?>) result.state;
        assertThat(state.get("name")).isEqualTo("main");
        assertThat(state.get("arn")).isEqualTo("arn:aws:ec2:mock-region-1:123456789012:vpc/main");
    }

    @Test
    void aProviderReferenceEndsInTheProvidersNameAndId() {
        // given / when / then
        assertThat(OfflineMocks.providerName("urn:pulumi:dev::spotfleet::pulumi:providers:aws::aws::aws-1234")).isEqualTo("aws");
        assertThat(OfflineMocks.providerName("")).isEmpty();
    }
}
