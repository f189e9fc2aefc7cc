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

    @Test
    void aStackReferenceIsAnsweredFromTheGivenOutputsAndItsStandInsStayMadeUp() {
        // given dev's outputs, one of them made up
        var dev = OfflineEvaluation.qualifiedName("spotfleet", "dev");
        var mocks = new OfflineMocks(Map.of(dev, new OfflineMocks.StackOutputs(
                Map.of("imageRef", "made-up-digest-ref", "imagePlatform", "linux/arm64"), java.util.Set.of("made-up-digest-ref"))));
        // when
        var result = mocks.newResourceAsync(new Mocks.ResourceArgs("pulumi:pulumi:StackReference", "image-source",
                Map.of("name", dev), "", dev)).join();
        // then: read by name, the outputs as given, the placeholder organization and the stand-in marked
        assertThat(dev).isEqualTo("offline-organization/spotfleet/dev");
        assertThat(result.id).contains(dev);
        assertThat(((Map<?, ?>) result.state).get("outputs")).isEqualTo(Map.of("imageRef", "made-up-digest-ref", "imagePlatform", "linux/arm64"));
        assertThat(mocks.madeUpValues()).containsExactlyInAnyOrder("offline-organization", "made-up-digest-ref");
        assertThat(mocks.resources()).extracting(OfflineMocks.RecordedResource::type).containsExactly("pulumi:pulumi:StackReference");
    }

    @Test
    void aStackReferenceToAStackItWasNotGivenFailsNamingTheOnesItKnows() {
        // given
        var mocks = new OfflineMocks(Map.of("acme/spotfleet/qa", new OfflineMocks.StackOutputs(Map.of(), java.util.Set.of()),
                "acme/spotfleet/dev", new OfflineMocks.StackOutputs(Map.of(), java.util.Set.of())));
        // when
        var read = mocks.newResourceAsync(new Mocks.ResourceArgs("pulumi:pulumi:StackReference", "image-source",
                Map.of("name", "acme/spotfleet/prod"), "", "acme/spotfleet/prod"));
        // then
        assertThat(read).isCompletedExceptionally();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(read::join)).hasMessageContaining(
                "the offline evaluation was given no outputs of stack acme/spotfleet/prod, which the program reads (a StackReference);"
                        + " it knows acme/spotfleet/dev, acme/spotfleet/qa");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new OfflineMocks().newResourceAsync(new Mocks.ResourceArgs(
                "pulumi:pulumi:StackReference", "s", Map.of("name", "x/y/z"), "", "x/y/z")).join())).hasMessageContaining("it knows none");
    }

    @Test
    void aBucketIsKnownByItsNameAndAnArnWithoutRegionOrAccount() {
        // given
        var mocks = new OfflineMocks();
        // when
        var state = (Map<?, ?>) mocks.newResourceAsync(new Mocks.ResourceArgs("aws:s3/bucketV2:BucketV2", "logs", Map.of(), "", "")).join().state;
        // then: S3's ARN form, arn:aws:s3:::<bucket>
        var name = "logs-" + OfflineMocks.hex("aws:s3/bucketV2:BucketV2logs", 7);
        assertThat(state.get("bucket")).isEqualTo(name);
        assertThat(state.get("arn")).isEqualTo("arn:aws:s3:::" + name);
        assertThat(state.get("bucketRegionalDomainName")).isEqualTo(name + ".s3.mock-region-1.amazonaws.com");
        assertThat(mocks.madeUpValues()).contains(name, "arn:aws:s3:::" + name).doesNotContain("mock-region-1");
    }

    @Test
    void eachRegionHasItsOwnPlaceholderElbAccountInItsPartition() {
        // given
        var mocks = new OfflineMocks();
        // when
        var ireland = mocks.callAsync(new Mocks.CallArgs("aws:elb/getServiceAccount:getServiceAccount", ImmutableMap.of("region", "eu-west-1"), "")).join();
        var frankfurt = mocks.callAsync(new Mocks.CallArgs("aws:elb/getServiceAccount:getServiceAccount", ImmutableMap.of("region", "eu-central-1"), "")).join();
        var beijing = mocks.callAsync(new Mocks.CallArgs("aws:elb/getServiceAccount:getServiceAccount", ImmutableMap.of("region", "cn-north-1"), "")).join();
        var govCloud = mocks.callAsync(new Mocks.CallArgs("aws:elb/getServiceAccount:getServiceAccount", ImmutableMap.of("region", "us-gov-west-1"), "")).join();
        // then
        assertThat((String) ireland.get("id")).matches("\\d{12}").isNotEqualTo(frankfurt.get("id"));
        assertThat(ireland.get("arn")).isEqualTo("arn:aws:iam::" + ireland.get("id") + ":root");
        assertThat(ireland.get("region")).isEqualTo("eu-west-1");
        assertThat((String) beijing.get("arn")).startsWith("arn:aws-cn:iam::");
        assertThat((String) govCloud.get("arn")).startsWith("arn:aws-us-gov:iam::");
        assertThat(mocks.madeUpValues()).contains((String) ireland.get("arn")).doesNotContain("eu-west-1");
    }
}
