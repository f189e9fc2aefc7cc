package spotfleet.infra.config;

import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderAssumeRoleArgs;
import com.pulumi.aws.inputs.ProviderEndpointArgs;
import com.pulumi.core.annotations.Import;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import spotfleet.infra.config.AwsConfigKey.Field;
import spotfleet.infra.config.AwsConfigKey.Shape;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The {@code aws:} config against the provider's own contract: pulumi-aws 6.83.0's {@code com.pulumi.aws.ProviderArgs}
 * (the {@code @Import(name = ...)} fields of the class in the jar, and their types) decides which keys exist and
 * what shape each takes.
 */
class AwsConfigTest {

    /**
     * What pulumi-aws 6.83.0 documents as its provider's configuration (its Provider resource's inputs, the
     * {@code @Import} fields of ProviderArgs), written out here so the reading of the class is checked against it.
     */
    private static final Map<String, Shape> PROVIDER_6_83_0 = Map.ofEntries(
            Map.entry("accessKey", Shape.STRING), Map.entry("allowedAccountIds", Shape.STRING_LIST),
            Map.entry("assumeRole", Shape.OBJECT), Map.entry("assumeRoleWithWebIdentity", Shape.OBJECT),
            Map.entry("customCaBundle", Shape.STRING), Map.entry("defaultTags", Shape.OBJECT),
            Map.entry("ec2MetadataServiceEndpoint", Shape.STRING), Map.entry("ec2MetadataServiceEndpointMode", Shape.STRING),
            Map.entry("endpoints", Shape.OBJECT_LIST), Map.entry("forbiddenAccountIds", Shape.STRING_LIST),
            Map.entry("httpProxy", Shape.STRING), Map.entry("httpsProxy", Shape.STRING), Map.entry("ignoreTags", Shape.OBJECT),
            Map.entry("insecure", Shape.BOOLEAN), Map.entry("maxRetries", Shape.INTEGER), Map.entry("noProxy", Shape.STRING),
            Map.entry("profile", Shape.STRING), Map.entry("region", Shape.STRING), Map.entry("retryMode", Shape.STRING),
            Map.entry("s3UsEast1RegionalEndpoint", Shape.STRING), Map.entry("s3UsePathStyle", Shape.BOOLEAN),
            Map.entry("secretKey", Shape.STRING), Map.entry("sharedConfigFiles", Shape.STRING_LIST),
            Map.entry("sharedCredentialsFiles", Shape.STRING_LIST), Map.entry("skipCredentialsValidation", Shape.BOOLEAN),
            Map.entry("skipMetadataApiCheck", Shape.BOOLEAN), Map.entry("skipRegionValidation", Shape.BOOLEAN),
            Map.entry("skipRequestingAccountId", Shape.BOOLEAN), Map.entry("stsRegion", Shape.STRING),
            Map.entry("token", Shape.STRING), Map.entry("tokenBucketRateLimiterCapacity", Shape.INTEGER),
            Map.entry("useDualstackEndpoint", Shape.BOOLEAN), Map.entry("useFipsEndpoint", Shape.BOOLEAN));

    @Test
    void theKeysReadFromProviderArgsAreThoseOfTheServedProviderWithTheirShapes() {
        // given the keys read from ProviderArgs in the jar, once more here (KEYS is read when the class loads)
        var keys = AwsConfigKey.read(ProviderArgs.class, AwsConfig.CREDENTIALS);
        var read = keys.stream().collect(Collectors.toMap(AwsConfigKey::name, AwsConfigKey::shape));

        // then: exactly pulumi-aws 6.83.0's settings, each with its shape, in alphabetical order, as KEYS holds them
        assertThat(read).isEqualTo(PROVIDER_6_83_0);
        assertThat(keys).extracting(AwsConfigKey::name).isSorted();
        assertThat(keys).isEqualTo(AwsConfig.KEYS);
        assertThat(keys.stream().filter(AwsConfigKey::credential).map(AwsConfigKey::name))
                .containsExactlyInAnyOrder("accessKey", "secretKey", "token");
        var assumeRole = keys.stream().filter(key -> key.name().equals("assumeRole")).findFirst().orElseThrow();
        assertThat(assumeRole.argsType()).contains(ProviderAssumeRoleArgs.class);
        assertThat(assumeRole.fields()).containsEntry("roleArn", Field.STRING).containsEntry("tags", Field.STRING_MAP)
                .containsEntry("policyArns", Field.STRING_LIST).hasSize(9);
        var endpoints = keys.stream().filter(key -> key.name().equals("endpoints")).findFirst().orElseThrow();
        assertThat(endpoints.fields()).hasSizeGreaterThan(300).containsEntry("s3", Field.STRING);
        assertThat(keys).filteredOn(key -> key.shape() != Shape.OBJECT && key.shape() != Shape.OBJECT_LIST)
                .allSatisfy(key -> assertThat(key.fields()).as(key.name()).isEmpty())
                .allSatisfy(key -> assertThat(key.argsType()).as(key.name()).isEmpty());
    }

    @Test
    void eachObjectsFieldsAreReadFromItsOwnArgsClass() {
        // given / when / then: the objects' fields as pulumi-aws 6.83.0 documents them
        assertThat(fields("assumeRole")).isEqualTo(Map.of("duration", Field.STRING, "externalId", Field.STRING,
                "policy", Field.STRING, "policyArns", Field.STRING_LIST, "roleArn", Field.STRING, "sessionName", Field.STRING,
                "sourceIdentity", Field.STRING, "tags", Field.STRING_MAP, "transitiveTagKeys", Field.STRING_LIST));
        assertThat(fields("assumeRoleWithWebIdentity")).isEqualTo(Map.of("duration", Field.STRING, "policy", Field.STRING,
                "policyArns", Field.STRING_LIST, "roleArn", Field.STRING, "sessionName", Field.STRING,
                "webIdentityToken", Field.STRING, "webIdentityTokenFile", Field.STRING));
        assertThat(fields("defaultTags")).isEqualTo(Map.of("tags", Field.STRING_MAP));
        assertThat(fields("ignoreTags")).isEqualTo(Map.of("keyPrefixes", Field.STRING_LIST, "keys", Field.STRING_LIST));
        // over 300 services, every one a URL
        assertThat(fields("endpoints")).hasSizeGreaterThan(300).containsKeys("ecs", "sts", "s3")
                .allSatisfy((service, field) -> assertThat(field).isEqualTo(Field.STRING));
        assertThat(AwsConfig.key("assumeRole").orElseThrow().argsType()).contains(ProviderAssumeRoleArgs.class);
        assertThat(AwsConfig.key("endpoints").orElseThrow().argsType()).contains(ProviderEndpointArgs.class);
        assertThat(AwsConfig.key("region").orElseThrow().argsType()).isEmpty();
    }

    @Test
    void aProviderTypeNoShapeReadsFailsAtOnceNamingTheField() {
        // given args classes a provider upgrade could bring: a list of numbers, an object with a number field
        // when / then
        assertThatThrownBy(() -> AwsConfigKey.read(WithNumberList.class, Set.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("WithNumberList.ports is a java.util.List<java.lang.Integer>: no aws: config shape reads it");
        assertThatThrownBy(() -> AwsConfigKey.read(WithOddObject.class, Set.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OddObject.count is a java.lang.Integer: no aws: config shape reads it");
    }

    static final class WithNumberList extends com.pulumi.resources.ResourceArgs {
        @Import(name = "ports")
        private com.pulumi.core.Output<List<Integer>> ports;
    }

    static final class OddObject extends com.pulumi.resources.ResourceArgs {
        @Import(name = "count")
        private com.pulumi.core.Output<Integer> count;
    }

    static final class WithOddObject extends com.pulumi.resources.ResourceArgs {
        @Import(name = "nested")
        private com.pulumi.core.Output<OddObject> nested;
    }

    @Test
    void theCredentialsAreTheOnesTheProviderItselfKeepsSecret() throws Exception {
        // given the secret outputs pulumi-aws's Provider resource declares for itself (its private makeResourceOptions)
        var options = com.pulumi.aws.Provider.class.getDeclaredMethod("makeResourceOptions",
                com.pulumi.resources.CustomResourceOptions.class, com.pulumi.core.Output.class);
        options.setAccessible(true);
        var declared = (com.pulumi.resources.CustomResourceOptions) options.invoke(null, null, null);

        // then: those, and only those, are credentials here
        assertThat(AwsConfig.KEYS.stream().filter(AwsConfigKey::credential).map(AwsConfigKey::name).toList())
                .containsExactlyInAnyOrderElementsOf(declared.getAdditionalSecretOutputs());
        assertThat(declared.getAdditionalSecretOutputs()).containsExactlyInAnyOrder("accessKey", "secretKey", "token");
    }

    @Test
    void everyShapeIsReadFromTheTextPulumiHandsOver() {
        // given one key of each shape, as Pulumi passes config (scalars as text, objects and lists as JSON)
        var raw = Map.of(
                "aws:region", "eu-central-1",
                "aws:skipMetadataApiCheck", "true",
                "aws:maxRetries", "7",
                "aws:allowedAccountIds", "[\"111122223333\", \"444455556666\"]",
                "aws:assumeRole", "{\"roleArn\": \"arn:aws:iam::111122223333:role/deploy\", \"duration\": \"1h\","
                        + " \"policyArns\": [\"arn:aws:iam::aws:policy/ReadOnlyAccess\"], \"tags\": {\"Team\": \"platform\"}}",
                "aws:endpoints", "[{\"s3\": \"http://localhost:4566\", \"sts\": \"http://localhost:4566\"}]");

        // when
        var aws = StackConfig.parse(raw).aws();

        // then
        assertThat(aws.values()).containsOnlyKeys("region", "skipMetadataApiCheck", "maxRetries", "allowedAccountIds",
                "assumeRole", "endpoints");
        assertThat(aws.region()).contains("eu-central-1");
        assertThat(aws.values().get("skipMetadataApiCheck").value()).isEqualTo(true);
        assertThat(aws.values().get("maxRetries").value()).isEqualTo(7);
        assertThat(aws.values().get("allowedAccountIds").value()).isEqualTo(List.of("111122223333", "444455556666"));
        assertThat(aws.values().get("assumeRole").value()).isEqualTo(Map.of(
                "roleArn", "arn:aws:iam::111122223333:role/deploy", "duration", "1h",
                "policyArns", List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"), "tags", Map.of("Team", "platform")));
        assertThat(aws.values().get("endpoints").value()).isEqualTo(List.of(
                Map.of("s3", "http://localhost:4566", "sts", "http://localhost:4566")));
        assertThat(aws.values().values()).noneMatch(AwsSettings.Value::secret);
    }

    @Test
    void zeroRetriesAndAProfileAreValidSettings() {
        // given / when
        var aws = StackConfig.parse(Map.of("aws:maxRetries", "0", "aws:profile", "deploy")).aws();
        // then
        assertThat(aws.values().get("maxRetries").value()).isEqualTo(0);
        assertThat(aws.profile()).contains("deploy");
        assertThat(aws.region()).isEmpty();
    }

    @Test
    void onlyAKeyWithANamespaceLosesItsConfigPart() {
        assertThat(RawConfig.cleanKey("aws:config:region")).isEqualTo("aws:region");
        assertThat(RawConfig.cleanKey(":config:region")).isEqualTo(":config:region");
        assertThat(RawConfig.cleanKey("aws:region")).isEqualTo("aws:region");
    }

    @Test
    void theStacksDefaultTagsComeAfterTheProgramsOwn() {
        // given
        var aws = StackConfig.parse(Map.of("aws:defaultTags", "{\"tags\": {\"CostCenter\": \"1234\", \"Owner\": \"ops\"}}")).aws();
        // when / then
        assertThat(aws.defaultTags()).containsExactly(Map.entry("CostCenter", "1234"), Map.entry("Owner", "ops"));
    }

    @Test
    void credentialsAndKeysPulumiHoldsAsSecretsStaySecret() {
        // given a plain-text access key, and an assumeRole that `pulumi config set --secret` stored
        var raw = new RawConfig(Map.of(
                "aws:accessKey", "AKIAIOSFODNN7EXAMPLE",
                "aws:assumeRole", "{\"roleArn\": \"arn:aws:iam::111122223333:role/deploy\", \"externalId\": \"s3cr3t\"}",
                "aws:assumeRoleWithWebIdentity", "{\"roleArn\": \"arn:aws:iam::111122223333:role/ci\", \"webIdentityToken\": \"eyJ\"}",
                "aws:profile", "deploy"), Set.of("aws:assumeRole"));

        // when
        var aws = StackConfig.parse(raw).aws();

        // then
        assertThat(aws.values().get("accessKey").secret()).isTrue();
        assertThat(aws.values().get("accessKey").shown()).isEqualTo("[secret]");
        assertThat(aws.values().get("assumeRole").secret()).isTrue();
        assertThat(aws.values().get("assumeRoleWithWebIdentity").secret()).as("a web identity token is a credential").isTrue();
        assertThat(aws.values().get("profile").secret()).isFalse();
        assertThat(aws.values().get("profile").shown()).isEqualTo("deploy");
    }

    static Stream<Arguments> badAwsConfig() {
        return Stream.of(
                arguments(Map.of("aws:alowedAccountIds", "[\"111122223333\"]"),
                        "aws:alowedAccountIds is not a setting of the AWS provider (pulumi-aws 6.83.0): did you mean aws:allowedAccountIds?"),
                arguments(Map.of("aws:assumeRoles", "[{\"roleArn\": \"arn:aws:iam::111122223333:role/deploy\"}]"),
                        "aws:assumeRoles is not a setting of the AWS provider (pulumi-aws 6.83.0): did you mean aws:assumeRole?"),
                arguments(Map.of("aws:regionabc", "eu-west-1"),
                        "aws:regionabc is not a setting of the AWS provider (pulumi-aws 6.83.0): did you mean aws:region?"),
                arguments(Map.of("aws:REGION", "eu-west-1"),
                        "aws:REGION is not a setting of the AWS provider (pulumi-aws 6.83.0): did you mean aws:region?"),
                arguments(Map.of("aws:vpcEndpointPolicy", "x"),
                        "aws:vpcEndpointPolicy is not a setting of the AWS provider (pulumi-aws 6.83.0) (known: accessKey, "
                                + "allowedAccountIds, assumeRole, assumeRoleWithWebIdentity, customCaBundle, defaultTags, "
                                + "ec2MetadataServiceEndpoint, ec2MetadataServiceEndpointMode, endpoints, forbiddenAccountIds, "
                                + "httpProxy, httpsProxy, ignoreTags, insecure, maxRetries, noProxy, profile, region, retryMode, "
                                + "s3UsEast1RegionalEndpoint, s3UsePathStyle, secretKey, sharedConfigFiles, sharedCredentialsFiles, "
                                + "skipCredentialsValidation, skipMetadataApiCheck, skipRegionValidation, skipRequestingAccountId, "
                                + "stsRegion, token, tokenBucketRateLimiterCapacity, useDualstackEndpoint, useFipsEndpoint)"),
                arguments(Map.of("aws:skipMetadataApiCheck", "yes"), "aws:skipMetadataApiCheck (yes) must be true or false"),
                arguments(Map.of("aws:maxRetries", "five"), "aws:maxRetries (five) must be a whole number"),
                arguments(Map.of("aws:maxRetries", "-1"), "aws:maxRetries (-1) must be 0 or more"),
                arguments(Map.of("aws:region", "[\"eu-west-1\"]"), "aws:region ([\"eu-west-1\"]) must be a string"),
                arguments(Map.of("aws:allowedAccountIds", "111122223333"),
                        "aws:allowedAccountIds (111122223333) must be a list of strings, e.g. [\"123456789012\"]"),
                arguments(Map.of("aws:allowedAccountIds", "[\"11112222333\"]"),
                        "aws:allowedAccountIds entry (11112222333) is not an AWS account id: 12 digits, e.g. 123456789012"),
                arguments(Map.of("aws:forbiddenAccountIds", "[\"prod\"]"),
                        "aws:forbiddenAccountIds entry (prod) is not an AWS account id: 12 digits, e.g. 123456789012"),
                arguments(Map.of("aws:allowedAccountIds", "[\"111122223333\"]", "aws:forbiddenAccountIds", "[\"444455556666\"]"),
                        "aws:allowedAccountIds and aws:forbiddenAccountIds are both set: the provider takes one or the other"),
                arguments(Map.of("aws:assumeRole", "arn:aws:iam::111122223333:role/deploy"),
                        "aws:assumeRole (arn:aws:iam::111122223333:role/deploy) must be an object, e.g."
                                + " {\"roleArn\": \"arn:aws:iam::123456789012:role/deploy\", \"sessionName\": \"pulumi\"}"),
                arguments(Map.of("aws:assumeRole", "{\"rolearn\": \"arn:aws:iam::111122223333:role/deploy\"}"),
                        "aws:assumeRole.rolearn is not a field of aws:assumeRole: did you mean aws:assumeRole.roleArn?"),
                arguments(Map.of("aws:assumeRole", "{\"durationSeconds\": \"3600\"}"),
                        "aws:assumeRole.durationSeconds is not a field of aws:assumeRole (known: duration, externalId,"
                                + " policy, policyArns, roleArn, sessionName, sourceIdentity, tags, transitiveTagKeys)"),
                arguments(Map.of("aws:assumeRole", "{\"policyArns\": \"arn:aws:iam::aws:policy/ReadOnlyAccess\"}"),
                        "aws:assumeRole.policyArns (\"arn:aws:iam::aws:policy/ReadOnlyAccess\") must be a list of strings"),
                arguments(Map.of("aws:defaultTags", "{\"tags\": [\"CostCenter\"]}"),
                        "aws:defaultTags.tags ([\"CostCenter\"]) must be an object of strings, e.g. {\"Team\": \"platform\"}"),
                arguments(Map.of("aws:defaultTags", "{\"tags\": {\"Stack\": \"production\"}}"),
                        "aws:defaultTags.tags.Stack is one of the tags the program sets itself (ManagedBy, Project, Stack):"
                                + " Project and Stack come from the Pulumi project and stack names, ManagedBy is pulumi; remove it"),
                arguments(Map.of("aws:endpoints", "{\"s3\": \"http://localhost:4566\"}"),
                        "aws:endpoints ({\"s3\": \"http://localhost:4566\"}) must be a list of objects, e.g. [{\"s3\": \"http://localhost:4566\"}]"),
                arguments(Map.of("aws:endpoints", "[{\"s4\": \"http://localhost:4566\"}]"),
                        "aws:endpoints[0].s4 is not a field of aws:endpoints: did you mean aws:endpoints[0].s3?"),
                arguments(Map.of("aws:endpoints", "[\"http://localhost:4566\"]"),
                        "aws:endpoints[0] ([\"http://localhost:4566\"]) must be an object"),
                arguments(Map.of("aws:ignoreTags", "{\"keys\": [1, 2]}"), "aws:ignoreTags.keys ([1,2]) must be a list of strings"),
                arguments(Map.of("aws:ec2MetadataServiceEndpointMode", "ipv4"),
                        "aws:ec2MetadataServiceEndpointMode (ipv4) must be IPv4 or IPv6"),
                arguments(Map.of("aws:secretKey", "{\"oops\": \"wJalrXUtnFEMI\"}"), "aws:secretKey ([secret]) must be a string"),
                arguments(Map.of("aws:assumeRoleWithWebIdentity", "{\"webIdentityToken\": 42}"),
                        "aws:assumeRoleWithWebIdentity.webIdentityToken ([secret]) must be a string"));
    }

    @ParameterizedTest
    @MethodSource("badAwsConfig")
    void badAwsConfigIsRejectedNamingTheKeyAndItsValue(Map<String, String> raw, String problem) {
        // given / when / then
        assertThatThrownBy(() -> StackConfig.parse(raw))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).containsExactly(problem));
    }

    @Test
    void aSecretsValueIsNeverRepeatedInAProblem() {
        // given a secret assumeRole with a wrong field, and a token of the wrong shape
        var raw = new RawConfig(Map.of(
                "aws:assumeRole", "{\"externalId\": [\"hunter2\"]}",
                "aws:token", "[\"hunter2\"]"), Set.of("aws:assumeRole"));
        // when / then
        assertThatThrownBy(() -> StackConfig.parse(raw))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageNotContaining("hunter2")
                .hasMessageContaining("aws:assumeRole.externalId ([secret]) must be a string")
                .hasMessageContaining("aws:token ([secret]) must be a string");
    }

    @Test
    void theJavaHostsEnvironmentIsReadWithItsSecretKeys() {
        // given PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS as pulumi-language-java's constructEnv sets them,
        // one key in the older ns:config:key form the SDK's cleanKey still accepts
        var env = Map.of(
                "PULUMI_CONFIG", "{\"aws:region\": \"eu-west-1\", \"aws:config:profile\": \"deploy\","
                        + " \"spotfleet:minInstances\": \"2\", \"aws:assumeRole\": \"{\\\"roleArn\\\": \\\"arn:aws:iam::111122223333:role/x\\\"}\"}",
                "PULUMI_CONFIG_SECRET_KEYS", "[\"aws:assumeRole\"]",
                "HOME", "/root");

        // when
        var config = RawConfig.fromEnvironment(env);

        // then
        assertThat(config.values()).containsOnly(
                Map.entry("aws:region", "eu-west-1"),
                Map.entry("aws:profile", "deploy"),
                Map.entry("spotfleet:minInstances", "2"),
                Map.entry("aws:assumeRole", "{\"roleArn\": \"arn:aws:iam::111122223333:role/x\"}"));
        assertThat(config.secretKeys()).containsExactly("aws:assumeRole");
        assertThat(StackConfig.parse(config).aws().values().get("assumeRole").secret()).isTrue();
    }

    @Test
    void withoutTheJavaHostsVariablesThereIsNoConfig() {
        // given / when
        var config = RawConfig.fromEnvironment(Map.of("PULUMI_CONFIG", " "));
        // then
        assertThat(config.values()).isEmpty();
        assertThat(config.secretKeys()).isEmpty();
    }

    @Test
    void closeMatchesAreFoundByEditDistance() {
        assertThat(DidYouMean.editDistance("alowedAccountIds", "allowedAccountIds")).isEqualTo(1);
        assertThat(DidYouMean.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.editDistance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.editDistance("abc", "")).isEqualTo(3);
        assertThat(DidYouMean.editDistance("same", "same")).isZero();
    }

    private static Map<String, Field> fields(String key) {
        return AwsConfig.key(key).orElseThrow().fields();
    }
}
