package spotfleet.infra.offline;

import com.google.common.collect.ImmutableMap;
import com.pulumi.test.Mocks;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link OfflineMocks#madeUpValues()}: what the mock invented, and nothing the program or the stack set. */
class MadeUpValuesTest {

    @Test
    void idsGeneratedNamesAndComputedOutputsAreMadeUpButInputsAreNot() {
        // given
        var mocks = new OfflineMocks();
        // when
        var result = mocks.newResourceAsync(new Mocks.ResourceArgs("aws:ec2/vpc:Vpc", "network-vpc",
                Map.of("cidrBlock", "10.0.0.0/16"), "", "")).join();
        var state = (Map<?, ?>) result.state;
        // then
        assertThat(mocks.madeUpValues())
                .contains(result.id.orElseThrow(), (String) state.get("name"), (String) state.get("arn"))
                .doesNotContain("10.0.0.0/16");
    }

    @Test
    void anOutputRepeatingTheResourcesOwnInputIsNotMadeUp() {
        // given a resource the program names, and one whose outputs repeat an input (a certificate's domain)
        var mocks = new OfflineMocks();
        // when
        mocks.newResourceAsync(new Mocks.ResourceArgs("aws:cloudwatch/metricAlarm:MetricAlarm", "alarms-latency",
                Map.of("name", "spotfleet-dev-latency"), "", "")).join();
        mocks.newResourceAsync(new Mocks.ResourceArgs("aws:acm/certificate:Certificate", "https-cert",
                Map.of("domainName", "app.example.com"), "", "")).join();
        // then: the alarm's id is its name and the validation options repeat the domain, yet both are the program's
        assertThat(mocks.madeUpValues()).doesNotContain("spotfleet-dev-latency", "app.example.com")
                .anyMatch(value -> value.endsWith(".app.example.com."));
    }

    @Test
    void invokeAnswersAreMadeUpButTheirEchoedArgumentsAreNot() {
        // given
        var mocks = new OfflineMocks();
        var parameter = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
        // when
        mocks.callAsync(new Mocks.CallArgs("aws:ssm/getParameter:getParameter", ImmutableMap.of("name", parameter), "")).join();
        // then
        assertThat(mocks.madeUpValues()).contains(OfflineMocks.amiFor(parameter)).doesNotContain(parameter);
    }

    @Test
    void withoutAConfiguredRegionEvenThePartitionIsMadeUp() {
        // given no provider, so no aws:region
        var mocks = new OfflineMocks();
        // when
        mocks.callAsync(new Mocks.CallArgs("aws:index/getPartition:getPartition", ImmutableMap.of(), "")).join();
        mocks.callAsync(new Mocks.CallArgs("aws:index/getRegion:getRegion", ImmutableMap.of(), "")).join();
        // then
        assertThat(mocks.madeUpValues()).contains("amazonaws.com", OfflineMocks.DEFAULT_REGION);
    }
}
