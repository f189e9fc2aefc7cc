package spotfleet.infra.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A team's own service: its health route, plain variables, secrets by ARN and what its task count tracks. Each rule is the
 * other side's: ELBv2's HealthCheckPath (botocore elbv2 2015-12-01 shape Path, 1 to 1024 characters; the AWS provider's
 * leading "/"), POSIX variable names, ECS's secret ARNs (botocore ecs 2014-11-13 shape Secret), SSM parameter names
 * (botocore ssm 2014-11-06 PutParameterRequest.Name) and Secrets Manager secret names (botocore secretsmanager 2017-10-17
 * CreateSecretRequest.Name).
 */
class ContainerConfigTest {

    static final String PARAMETER = "arn:aws:ssm:eu-west-1:111122223333:parameter/shop/db-password";
    static final String SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/api-key-AbC123";

    @Test
    void secretsAreReadFromParametersAndSecretsByTheirFullArn() {
        // given a parameter, a secret, and one key of a JSON secret
        var raw = Map.of("spotfleet:secrets", "[\"DB_PASSWORD=%s\", \"API_KEY=%s\", \"DB_USER=%s:username::\"]"
                .formatted(PARAMETER, SECRET, SECRET));
        // when
        var service = StackConfig.parse(raw).service();
        // then: ECS fetches what is written; the role may read the parameter or secret itself
        assertThat(service.secrets()).containsExactly(
                new ContainerSecret("DB_PASSWORD", PARAMETER, ContainerSecret.Store.SSM_PARAMETER, PARAMETER),
                new ContainerSecret("API_KEY", SECRET, ContainerSecret.Store.SECRETS_MANAGER, SECRET),
                new ContainerSecret("DB_USER", SECRET + ":username::", ContainerSecret.Store.SECRETS_MANAGER, SECRET));
        assertThat(service.secretResourceArns(ContainerSecret.Store.SECRETS_MANAGER)).containsExactly(SECRET);
        assertThat(service.secretResourceArns(ContainerSecret.Store.SSM_PARAMETER)).containsExactly(PARAMETER);
    }

    @Test
    void variablesAndSecretsReadBackAsTheStackFileWritesThem() {
        // given
        var raw = Map.of("spotfleet:environment", "[\"A=1\"]", "spotfleet:secrets", "[\"B=%s\"]".formatted(PARAMETER));
        // when
        var settings = StackConfig.parse(raw);
        // then: what the plan shows, and what toBuilder() keeps
        assertThat(StackConfig.values(settings)).containsEntry("environment", List.of("A=1")).containsEntry("secrets", List.of("B=" + PARAMETER));
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
        assertThat(ContainerSecret.Store.SSM_PARAMETER.readAction()).isEqualTo("ssm:GetParameters");
    }

    @Test
    void variablesKeepTheirOrderAndEverythingAfterTheFirstEquals() {
        // given
        var raw = Map.of("spotfleet:environment", "[\"Z_LAST=1\", \"A_FIRST=x=y\", \"_EMPTY=\"]");
        // when
        var environment = StackConfig.parse(raw).service().environment();
        // then
        assertThat(environment).containsExactly(new EnvironmentVariable("Z_LAST", "1"), new EnvironmentVariable("A_FIRST", "x=y"),
                new EnvironmentVariable("_EMPTY", ""));
    }

    @Test
    void scalingOnRequestsTakesItsOwnTarget() {
        // given
        var raw = Map.of("spotfleet:serviceScalingMetric", "requests", "spotfleet:serviceRequestsPerTarget", "250");
        // when
        var service = StackConfig.parse(raw).service();
        // then
        assertThat(service.serviceScalingMetric()).isEqualTo(ServiceScalingMetric.REQUESTS);
        assertThat(service.serviceRequestsPerTarget()).isEqualTo(250);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/healthcheck", "/api/v1/health?deep=true", "/status/%20ok", "/~user/a-b_c.d!$&'()*+,;=:@"})
    void healthCheckPathsElbAcceptsAreAccepted(String path) {
        // given / when / then
        assertThat(StackConfig.parse(Map.of("spotfleet:healthCheckPath", path)).service().healthCheckPath()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(ints = {ServiceSettings.MIN_STOP_TIMEOUT_SECONDS, ServiceSettings.MAX_STOP_TIMEOUT_SECONDS})
    void theStopTimeoutsBoundsAreAccepted(int seconds) {
        // given / when / then: 6 and 104, each end of the range
        assertThat(StackConfig.parse(Map.of("spotfleet:stopTimeoutSeconds", String.valueOf(seconds))).service().stopTimeoutSeconds())
                .isEqualTo(seconds);
    }

    @Test
    void settingsBuiltInCodeMustSayWhatScalesTheService() {
        // given / when / then
        assertThatThrownBy(() -> StackSettings.defaults().toBuilder().serviceScalingMetric(null).build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("spotfleet:serviceScalingMetric must be set"));
    }

    @Test
    void aHealthCheckPathOfTheMaximumLengthIsAccepted() {
        // given 1024 characters, botocore's maximum for Path
        var path = "/" + "a".repeat(1023);
        // when / then
        assertThat(StackConfig.parse(Map.of("spotfleet:healthCheckPath", path)).service().healthCheckPath()).hasSize(1024);
        assertThatThrownBy(() -> StackConfig.parse(Map.of("spotfleet:healthCheckPath", path + "a")))
                .hasMessageContaining("spotfleet:healthCheckPath (" + path + "a) must be 1 to 1024 characters");
    }

    static Stream<Arguments> badService() {
        return Stream.of(
                arguments(Map.of("spotfleet:healthCheckPath", "healthcheck"),
                        List.of("spotfleet:healthCheckPath (healthcheck) must start with /, as in /healthcheck")),
                arguments(Map.of("spotfleet:healthCheckPath", ""), List.of("spotfleet:healthCheckPath () must be 1 to 1024 characters")),
                arguments(Map.of("spotfleet:healthCheckPath", "/health check"),
                        List.of("spotfleet:healthCheckPath (/health check) may hold only letters, digits and - . _ ~ ! $ & ' ( ) * + , ;"
                                + " = : @ / ? (RFC 3986); percent-encode anything else, as %20 for a space")),
                arguments(Map.of("spotfleet:healthCheckPath", "/a%2"),
                        List.of("spotfleet:healthCheckPath (/a%2) may hold only letters, digits and - . _ ~ ! $ & ' ( ) * + , ; = : @ /"
                                + " ? (RFC 3986); percent-encode anything else, as %20 for a space")),
                arguments(Map.of("spotfleet:environment", "[\"PORT=8080\"]"),
                        List.of("spotfleet:environment sets PORT, which the program sets itself (PORT, SHUTDOWN_GRACE_SECONDS):"
                                + " change containerPort or stopTimeoutSeconds instead")),
                arguments(Map.of("spotfleet:secrets", "[\"SHUTDOWN_GRACE_SECONDS=" + PARAMETER + "\"]"),
                        List.of("spotfleet:secrets sets SHUTDOWN_GRACE_SECONDS, which the program sets itself (PORT,"
                                + " SHUTDOWN_GRACE_SECONDS): change containerPort or stopTimeoutSeconds instead")),
                arguments(Map.of("spotfleet:environment", "[\"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/x\"]"),
                        List.of("spotfleet:environment sets AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, which the ECS agent sets in every"
                                + " container")),
                arguments(Map.of("spotfleet:environment", "[\"A=1\", \"A=2\"]"),
                        List.of("spotfleet:environment sets A a second time (across spotfleet:environment and spotfleet:secrets)")),
                arguments(Map.of("spotfleet:environment", "[\"DB_PASSWORD=x\"]", "spotfleet:secrets", "[\"DB_PASSWORD=" + PARAMETER + "\"]"),
                        List.of("spotfleet:secrets sets DB_PASSWORD a second time (across spotfleet:environment and spotfleet:secrets)")),
                arguments(Map.of("spotfleet:environment", "[\"NO_EQUALS\", \"BAD-NAME=1\", \"=1\"]"),
                        List.of("spotfleet:environment: NO_EQUALS is not NAME=value",
                                "spotfleet:environment: BAD-NAME=1: the name BAD-NAME is not a POSIX variable name (letters, digits and _,"
                                        + " not starting with a digit)",
                                "spotfleet:environment: =1: the name \"\" is not a POSIX variable name (letters, digits and _, not"
                                        + " starting with a digit)")),
                arguments(Map.of("spotfleet:environment", "{\"A\": \"1\"}"),
                        List.of("spotfleet:environment ({\"A\": \"1\"}) must be a list of strings, e.g. [\"LOG_LEVEL=info\"]")),
                arguments(Map.of("spotfleet:secrets", "[\"TOKEN=my-token\"]"),
                        List.of("spotfleet:secrets: TOKEN=my-token: my-token is not the ARN of an SSM parameter"
                                + " (arn:aws:ssm:<region>:<account>:parameter/<name>) or of a Secrets Manager secret"
                                + " (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)")),
                arguments(Map.of("spotfleet:secrets", "[\"=" + PARAMETER + "\", \"TOKEN=arn:ssm\"]"),
                        List.of("spotfleet:secrets: =" + PARAMETER + ": the name \"\" is not a POSIX variable name (letters, digits and _,"
                                        + " not starting with a digit)",
                                "spotfleet:secrets: TOKEN=arn:ssm: arn:ssm is not the ARN of an SSM parameter"
                                        + " (arn:aws:ssm:<region>:<account>:parameter/<name>) or of a Secrets Manager secret"
                                        + " (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)")),
                arguments(Map.of("spotfleet:serviceMinTasks", "0"), List.of("spotfleet:serviceMinTasks (0) must be >= 1")),
                arguments(Map.of("spotfleet:scaleInCooldown", "-1", "spotfleet:scaleOutCooldown", "-1"),
                        List.of("spotfleet:scaleInCooldown (-1) must be >= 0", "spotfleet:scaleOutCooldown (-1) must be >= 0")),
                arguments(Map.of("spotfleet:secrets", "[\"TOKEN=arn:aws:s3:::bucket/key\"]"),
                        List.of("spotfleet:secrets: TOKEN=arn:aws:s3:::bucket/key: arn:aws:s3:::bucket/key is not the ARN of an SSM"
                                + " parameter (arn:aws:ssm:<region>:<account>:parameter/<name>) or of a Secrets Manager secret"
                                + " (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)")),
                arguments(Map.of("spotfleet:secrets", "[\"TOKEN=arn:aws:ssm:eu-west-1:1111:parameter/x\"]"),
                        List.of("spotfleet:secrets: TOKEN=arn:aws:ssm:eu-west-1:1111:parameter/x: an SSM parameter's ARN is"
                                + " arn:<partition>:ssm:<region>:<12-digit account>:parameter/<name>, the name of letters, digits and _ . - /")),
                arguments(Map.of("spotfleet:secrets", "[\"TOKEN=arn:aws:ssm:eu-west-1:111122223333:parameter/a b\"]"),
                        List.of("spotfleet:secrets: TOKEN=arn:aws:ssm:eu-west-1:111122223333:parameter/a b: an SSM parameter's ARN is"
                                + " arn:<partition>:ssm:<region>:<12-digit account>:parameter/<name>, the name of letters, digits and _ . - /")),
                arguments(Map.of("spotfleet:secrets", "[\"TOKEN=arn:aws:ssm:eu-west-1:111122223333:parameter/ssm-token\"]"),
                        List.of("spotfleet:secrets: TOKEN=arn:aws:ssm:eu-west-1:111122223333:parameter/ssm-token: SSM parameter names"
                                + " cannot start with aws or ssm")),
                arguments(Map.of("spotfleet:secrets", "[\"TOKEN=arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/api-key\"]"),
                        List.of("spotfleet:secrets: TOKEN=arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/api-key: a Secrets"
                                + " Manager secret's full ARN is arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>-<the 6"
                                + " characters Secrets Manager added>, optionally followed by :<json-key>:<version-stage>:<version-id>;"
                                + " a partial ARN cannot be granted exactly")),
                arguments(Map.of("spotfleet:secrets", "[\"TOKEN=" + SECRET + ":username\"]"),
                        List.of("spotfleet:secrets: TOKEN=" + SECRET + ":username: a Secrets Manager secret's full ARN is"
                                + " arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>-<the 6 characters Secrets"
                                + " Manager added>, optionally followed by :<json-key>:<version-stage>:<version-id>; a partial ARN cannot"
                                + " be granted exactly")),
                arguments(Map.of("spotfleet:serviceScalingMetric", "memory"),
                        List.of("spotfleet:serviceScalingMetric (memory) must be one of cpu, requests")),
                arguments(Map.of("spotfleet:serviceRequestsPerTarget", "0"), List.of("spotfleet:serviceRequestsPerTarget (0) must be >= 1")));
    }

    @ParameterizedTest
    @MethodSource("badService")
    void aBadServiceSettingIsRejectedNamingTheKeyAndTheItem(Map<String, String> raw, List<String> expectedProblems) {
        // given / when / then
        assertThatThrownBy(() -> StackConfig.parse(raw))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactlyElementsOf(expectedProblems));
    }

    @Test
    void anUnquotedItemEndingInAColonIsCaughtWithTheYamlHint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path project)
            throws Exception {
        // given a stack file as a user would write it: the JSON-key selector ends with ':', so YAML reads a map
        java.nio.file.Files.copy(java.nio.file.Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        java.nio.file.Files.writeString(project.resolve("Pulumi.shop.yaml"), """
                config:
                  spotfleet:secrets:
                    - DB_USER=%s:username::
                """.formatted(SECRET));
        var stackFile = spotfleet.infra.plan.StackFile.read(project, "shop");
        // when / then
        assertThatThrownBy(() -> StackConfig.parse(stackFile.config()))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "spotfleet:secrets ([{\"DB_USER=%s:username:\":null}]) must be a list of strings, but item 1 ({\"DB_USER=%s:username:\":null})"
                                .formatted(SECRET, SECRET) + " is not a string; in YAML, quote an item that ends with : or holds \": \""));
    }

    @Test
    void anSsmParameterArnLongerThanSsmAllowsIsRejected() {
        // given an ARN of 1012 characters, prefix included
        var prefix = "arn:aws:ssm:eu-west-1:111122223333:parameter/";
        var arn = prefix + "p".repeat(1012 - prefix.length());
        // when / then
        assertThatThrownBy(() -> StackConfig.parse(Map.of("spotfleet:secrets", "[\"P=" + arn + "\"]")))
                .hasMessageContaining("the parameter's ARN has 1012 characters; SSM allows 1011");
        var longest = prefix + "p".repeat(1011 - prefix.length());
        assertThat(StackConfig.parse(Map.of("spotfleet:secrets", "[\"P=" + longest + "\"]")).service().secrets()).hasSize(1);
    }
}
