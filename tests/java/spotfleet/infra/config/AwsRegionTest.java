package spotfleet.infra.config;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spotfleet.contract.ServiceModels;

import java.nio.file.Files;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * aws:region is required of a whole stack and must be a region AWS lists: the provider alone would fall back to the
 * deploying shell's AWS_REGION and, with pulumi-aws's default skipRegionValidation: true, accept a typo until the first
 * call to an endpoint that does not exist.
 */
class AwsRegionTest {

    @Test
    void aStackWithoutARegionIsRefusedSayingWhereToSetIt() {
        // given a stack's config with no aws:region (AWS_REGION may well be set in the deploying shell)
        var config = RawConfig.of(Map.of("spotfleet:minInstances", "1"));
        // when / then
        assertThatThrownBy(() -> StackConfig.parseStack(config))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly(StackConfig.REGION_MISSING));
        assertThat(StackConfig.REGION_MISSING).contains("aws:region: eu-west-1").contains("pulumi config set aws:region")
                .contains("AWS_REGION");
    }

    @Test
    void aStackWithARegionParsesAndPartsOfConfigNeedNone() {
        // given / when
        var stack = StackConfig.parseStack(RawConfig.of(Map.of("aws:region", "eu-west-1")));
        var part = StackConfig.parse(Map.of("spotfleet:minInstances", "1"));
        // then
        assertThat(stack.aws().region()).contains("eu-west-1");
        assertThat(part.aws().region()).isEmpty();
    }

    @Test
    void aMistypedRegionIsRefusedWithTheRegionMeant() {
        // given / when / then
        assertThatThrownBy(() -> StackConfig.parse(Map.of("aws:region", "eu-wset-1")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("aws:region (eu-wset-1) is not an AWS region: did you mean eu-west-1?"));
    }

    @Test
    void aRegionThatDoesNotExistNamesEveryEquallyCloseOne() {
        // given / when / then: eu-west-4 is one edit from each of the three
        assertThatThrownBy(() -> StackConfig.parse(Map.of("aws:region", "eu-west-4")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("aws:region (eu-west-4) is not an AWS region: did you mean eu-west-1, eu-west-2 or eu-west-3?"));
    }

    @Test
    void somethingFarFromAnyRegionListsThemAllAndTheWayOut() {
        // given / when / then
        assertThatThrownBy(() -> StackConfig.parse(Map.of("aws:region", "ireland", "aws:stsRegion", "us-est-1")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "aws:region (ireland) is not an AWS region. AWS's regions (" + AwsRegions.SOURCE + "): "
                                + String.join(", ", AwsRegions.NAMES) + ". A region newer than that list, or an AWS-like API:"
                                + " set aws:skipRegionValidation: true",
                        "aws:stsRegion (us-est-1) is not an AWS region: did you mean us-east-1 or us-west-1?"));
    }

    @Test
    void skipRegionValidationTrueTurnsTheCheckOffAndReachesTheProvider() {
        // given a region AWS does not list, on purpose (an AWS-like API)
        var raw = Map.of("aws:region", "local-1", "aws:skipRegionValidation", "true");
        // when
        var aws = StackConfig.parse(raw).aws();
        // then
        assertThat(aws.region()).contains("local-1");
        assertThat(aws.values().get("skipRegionValidation").value()).isEqualTo(true);
        assertThatThrownBy(() -> StackConfig.parse(Map.of("aws:region", "local-1", "aws:skipRegionValidation", "false")))
                .isInstanceOf(InvalidConfigException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws-global", "aws-cn-global", "aws-us-gov-global"})
    void theSdksGlobalPseudoRegionsAreNoPlaceForAStack(String region) {
        // given / when / then
        assertThat(AwsRegions.NAMES).doesNotContain(region);
        assertThatThrownBy(() -> StackConfig.parse(Map.of("aws:region", region))).isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void theListHoldsEveryRegionOfBotocoresEndpointData() throws Exception {
        // given botocore's own endpoint data (the AWS contract check's models: Debian's 1.29, or newer); each partition
        // lists its regions under "regions"
        var endpoints = JsonParser.parseString(Files.readString(ServiceModels.installed().directory().resolve("endpoints.json")))
                .getAsJsonObject();
        var botocore = new TreeSet<String>();
        endpoints.getAsJsonArray("partitions").forEach(partition ->
                botocore.addAll(partition.getAsJsonObject().getAsJsonObject("regions").keySet()));
        // when / then: the SDK's list (2.57.x, newer) knows every one of them, and the regions this project uses
        assertThat(botocore).contains("eu-west-1", "us-east-1");
        assertThat(AwsRegions.NAMES).containsAll(botocore);
        assertThat(AwsRegions.SOURCE).matches("the AWS SDK for Java v2's regions module 2\\.\\d+\\.\\d+");
    }
}
