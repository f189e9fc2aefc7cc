package spotfleet.infra.config;

import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderAssumeRoleArgs;
import com.pulumi.aws.inputs.ProviderAssumeRoleWithWebIdentityArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.aws.inputs.ProviderEndpointArgs;
import com.pulumi.aws.inputs.ProviderIgnoreTagsArgs;
import com.pulumi.core.annotations.Import;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import spotfleet.infra.config.AwsConfigKey.Field;
import spotfleet.infra.config.AwsConfigKey.Shape;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
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

    @Test
    void theKeysAreExactlyTheProvidersSettingsWithTheirShapes() {
        // given every @Import field of ProviderArgs, and the shape its Java type calls for
        var expected = imports(ProviderArgs.class);

        // when
        var declared = AwsConfig.KEYS.stream().collect(Collectors.toMap(AwsConfigKey::name, AwsConfigKey::shape));

        // then: no key the provider takes is missing, none it does not take is accepted, each with its type
        assertThat(declared).isEqualTo(expected.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> shapeOf(e.getValue()))));
        assertThat(AwsConfig.KEYS).extracting(AwsConfigKey::name).isSorted().doesNotContain("assumeRoles");
    }

    @Test
    void eachObjectsFieldsAreThoseOfItsProviderArgsType() {
        // given / when / then
        assertThat(fields("assumeRole")).isEqualTo(fieldShapes(ProviderAssumeRoleArgs.class));
        assertThat(fields("assumeRoleWithWebIdentity")).isEqualTo(fieldShapes(ProviderAssumeRoleWithWebIdentityArgs.class));
        assertThat(fields("defaultTags")).isEqualTo(fieldShapes(ProviderDefaultTagsArgs.class));
        assertThat(fields("ignoreTags")).isEqualTo(fieldShapes(ProviderIgnoreTagsArgs.class));
        assertThat(fields("endpoints")).isEqualTo(fieldShapes(ProviderEndpointArgs.class)).hasSizeGreaterThan(300)
                .containsKeys("ecs", "sts", "s3");
    }

    @Test
    void onlyTheProvidersCredentialsAreSecretByThemselves() {
        // pulumi-aws marks accessKey, secretKey and token secret (com.pulumi.aws.Provider: additionalSecretOutputs)
        assertThat(AwsConfig.KEYS.stream().filter(AwsConfigKey::credential).map(AwsConfigKey::name))
                .containsExactlyInAnyOrder("accessKey", "secretKey", "token");
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

    /** Each @Import field of {@code type}: its name to its generic type (inside Output). */
    private static Map<String, Type> imports(Class<?> type) {
        var fields = new LinkedHashMap<String, Type>();
        Arrays.stream(type.getDeclaredFields())
                .filter(field -> field.getAnnotation(Import.class) != null)
                .forEach(field -> fields.put(field.getAnnotation(Import.class).name(),
                        ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0]));
        return fields;
    }

    private static Shape shapeOf(Type type) {
        if (type == String.class) {
            return Shape.STRING;
        } else if (type == Boolean.class) {
            return Shape.BOOLEAN;
        } else if (type == Integer.class) {
            return Shape.INTEGER;
        } else if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return list.getActualTypeArguments()[0] == String.class ? Shape.STRING_LIST : Shape.OBJECT_LIST;
        }
        return Shape.OBJECT;
    }

    private static Map<String, Field> fieldShapes(Class<?> type) {
        return imports(type).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
            if (e.getValue() == String.class) {
                return Field.STRING;
            } else if (e.getValue() instanceof ParameterizedType generic && generic.getRawType() == List.class) {
                return Field.STRING_LIST;
            } else if (e.getValue() instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
                return Field.STRING_MAP;
            }
            throw new AssertionError("a field type AwsConfigKey.Field has no shape for: " + e.getValue());
        }));
    }

    private static Map<String, Field> fields(String key) {
        return AwsConfig.key(key).orElseThrow().fields();
    }
}
