package spotfleet.infra;

import com.google.gson.Gson;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import org.junit.jupiter.api.Test;
import spotfleet.infra.config.AwsConfig;
import spotfleet.infra.config.AwsConfigKey;
import spotfleet.infra.config.RawConfig;
import spotfleet.infra.config.StackConfig;
import spotfleet.infra.config.StackSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.AUTO_SCALING_GROUP;
import static spotfleet.infra.Types.AWS_PROVIDER;

/** Every {@code aws:} setting of the stack reaches the program's explicit provider, typed, and secrets as secrets. */
class AwsProviderArgsTest {

    /** A valid value for every key, as the stack file would hold it (forbiddenAccountIds apart: it excludes allowed). */
    static Map<String, String> everySetting() {
        var raw = new LinkedHashMap<String, String>();
        raw.put("aws:accessKey", "AKIAIOSFODNN7EXAMPLE");
        raw.put("aws:allowedAccountIds", "[\"111122223333\"]");
        raw.put("aws:assumeRole", "{\"roleArn\": \"arn:aws:iam::111122223333:role/deploy\", \"sessionName\": \"pulumi\","
                + " \"duration\": \"1h\", \"externalId\": \"ext\", \"policy\": \"{}\", \"policyArns\": [\"arn:aws:iam::aws:policy/ReadOnlyAccess\"],"
                + " \"sourceIdentity\": \"ci\", \"tags\": {\"Team\": \"platform\"}, \"transitiveTagKeys\": [\"Team\"]}");
        raw.put("aws:assumeRoleWithWebIdentity", "{\"roleArn\": \"arn:aws:iam::111122223333:role/ci\", \"sessionName\": \"ci\","
                + " \"duration\": \"1h\", \"policy\": \"{}\", \"policyArns\": [\"arn:aws:iam::aws:policy/ReadOnlyAccess\"],"
                + " \"webIdentityTokenFile\": \"/var/run/token\"}");
        raw.put("aws:customCaBundle", "/etc/ssl/ca.pem");
        raw.put("aws:defaultTags", "{\"tags\": {\"CostCenter\": \"1234\"}}");
        raw.put("aws:ec2MetadataServiceEndpoint", "http://169.254.169.254");
        raw.put("aws:ec2MetadataServiceEndpointMode", "IPv4");
        raw.put("aws:endpoints", "[{\"s3\": \"http://localhost:4566\", \"ecs\": \"http://localhost:4566\"}]");
        raw.put("aws:httpProxy", "http://proxy:3128");
        raw.put("aws:httpsProxy", "http://proxy:3128");
        raw.put("aws:ignoreTags", "{\"keys\": [\"CreatedBy\"], \"keyPrefixes\": [\"kubernetes.io/\"]}");
        raw.put("aws:insecure", "false");
        raw.put("aws:maxRetries", "5");
        raw.put("aws:noProxy", "169.254.169.254");
        raw.put("aws:profile", "deploy");
        raw.put("aws:region", "eu-west-1");
        raw.put("aws:retryMode", "adaptive");
        raw.put("aws:s3UsEast1RegionalEndpoint", "regional");
        raw.put("aws:s3UsePathStyle", "true");
        raw.put("aws:secretKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        raw.put("aws:sharedConfigFiles", "[\"/home/ci/.aws/config\"]");
        raw.put("aws:sharedCredentialsFiles", "[\"/home/ci/.aws/credentials\"]");
        raw.put("aws:skipCredentialsValidation", "true");
        raw.put("aws:skipMetadataApiCheck", "true");
        raw.put("aws:skipRegionValidation", "false");
        raw.put("aws:skipRequestingAccountId", "false");
        raw.put("aws:stsRegion", "eu-west-1");
        raw.put("aws:token", "FwoGZXIvYXdzEXAMPLE");
        raw.put("aws:tokenBucketRateLimiterCapacity", "10000");
        raw.put("aws:useDualstackEndpoint", "false");
        raw.put("aws:useFipsEndpoint", "false");
        return raw;
    }

    @Test
    void aSettingThatIsNoKeyOfTheProviderIsRefusedRatherThanDropped() {
        // given settings holding a name ProviderArgs does not have (StackConfig never builds one: a program defect)
        var settings = new spotfleet.infra.config.AwsSettings(new java.util.TreeMap<>(Map.of("regoin",
                new spotfleet.infra.config.AwsSettings.Value("eu-west-1", false))));

        // when / then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AwsProviderArgs.of(settings, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aws:regoin reached the provider without being a setting of it");
    }

    @Test
    void everySettingTheProviderTakesReachesIt() {
        // given every key but forbiddenAccountIds, then forbiddenAccountIds instead of allowedAccountIds
        var all = new LinkedHashMap<>(everySetting());
        var forbidden = new LinkedHashMap<>(Map.of("aws:forbiddenAccountIds", "[\"444455556666\"]"));

        // when
        var provider = DeclaredStack.of(StackConfig.parse(all)).one(AWS_PROVIDER, "aws");
        var other = DeclaredStack.of(StackConfig.parse(forbidden)).one(AWS_PROVIDER, "aws");

        // then: each key under its own name, objects and lists as the JSON the SDK sends for a provider
        assertThat(AwsConfig.KEYS).extracting(AwsConfigKey::name).allSatisfy(name ->
                assertThat(name.equals("forbiddenAccountIds") ? other.inputs() : provider.inputs()).as(name).containsKey(name));
        var gson = new Gson();
        assertThat(gson.fromJson((String) input(provider, "assumeRole"), Map.class))
                .containsEntry("roleArn", "arn:aws:iam::111122223333:role/deploy").containsEntry("tags", Map.of("Team", "platform"));
        assertThat(gson.fromJson((String) input(provider, "endpoints"), List.class))
                .isEqualTo(List.of(Map.of("s3", "http://localhost:4566", "ecs", "http://localhost:4566")));
        assertThat(gson.fromJson((String) input(provider, "allowedAccountIds"), List.class)).isEqualTo(List.of("111122223333"));
        assertThat(gson.fromJson((String) input(other, "forbiddenAccountIds"), List.class)).isEqualTo(List.of("444455556666"));
        assertThat(gson.fromJson((String) input(provider, "ignoreTags"), Map.class))
                .isEqualTo(Map.of("keys", List.of("CreatedBy"), "keyPrefixes", List.of("kubernetes.io/")));
        assertThat(input(provider, "region")).isEqualTo("eu-west-1");
        assertThat(input(provider, "profile")).isEqualTo("deploy");
        assertThat(input(provider, "skipMetadataApiCheck")).isEqualTo("true");
        assertThat(input(provider, "retryMode")).isEqualTo("adaptive");
    }

    @Test
    void theStacksDefaultTagsJoinTheProgramsOnTheProviderAndOnInstances() {
        // given
        var stack = DeclaredStack.of(StackConfig.parse(Map.of("aws:defaultTags", "{\"tags\": {\"CostCenter\": \"1234\"}}")));
        // when
        var defaultTags = new Gson().fromJson((String) input(stack.one(AWS_PROVIDER, "aws"), "defaultTags"), Map.class);
        // then: ASG-launched instances do not get the provider's default tags, so the group carries them too
        assertThat(defaultTags).isEqualTo(Map.of("tags",
                Map.of("Project", "spotfleet", "Stack", "dev", "ManagedBy", "pulumi", "CostCenter", "1234")));
        assertThat(input(stack.one(AUTO_SCALING_GROUP, "capacity-asg"), "tags")).asList()
                .contains(Map.of("key", "CostCenter", "value", "1234", "propagateAtLaunch", true));
    }

    @Test
    void credentialsAndSecretConfigReachTheProviderAsSecrets() {
        // given the provider's own credentials in plain text, and a key Pulumi holds as a secret
        var settings = StackConfig.parse(new RawConfig(everySetting(), Set.of("aws:assumeRole")));

        // when
        var args = AwsProviderArgs.of(settings.aws(), StackTags.of("spotfleet", "dev"));

        // then
        assertThat(secret(args.accessKey())).isTrue();
        assertThat(secret(args.secretKey())).isTrue();
        assertThat(secret(args.token())).isTrue();
        assertThat(secret(args.assumeRole())).isTrue();
        assertThat(secret(args.region())).isFalse();
        assertThat(secret(args.assumeRoleWithWebIdentity())).as("no web identity token, only its file").isFalse();
    }

    @Test
    void withoutAwsConfigTheProviderGetsOnlyTheProgramsTags() {
        // given / when
        var args = AwsProviderArgs.of(StackSettings.defaults().aws(), StackTags.of("spotfleet", "dev"));
        // then
        assertThat(args.region()).isEmpty();
        assertThat(args.assumeRole()).isEmpty();
        assertThat(args.defaultTags()).isPresent();
    }

    private static boolean secret(Optional<? extends Output<?>> output) {
        return Internal.of(output.orElseThrow()).isSecret().join();
    }
}
