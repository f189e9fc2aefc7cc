package spotfleet.contract;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model checks on hand-built requests: bounds are inclusive, and each check counts once. Against Debian's botocore
 * 1.29 (the floor), where the allow-listed operation and runtime below are still unknown to the models.
 */
class ShapeValidatorTest {

    private static final PlanResource RESOURCE = new PlanResource("unit", "aws:lb/targetGroup:TargetGroup", "tg", "resource", Map.of());

    record Run(List<Finding> findings, Coverage coverage) {
        int count(CheckKind kind) {
            return coverage.total(kind);
        }
    }

    static Run validate(String service, String operation, Map<String, Object> body) {
        var findings = new ArrayList<Finding>();
        var coverage = new Coverage();
        var request = new ApiRequest(RESOURCE, service, operation);
        request.body().putAll(body);
        var models = ServiceModels.floorRequired();
        new ShapeValidator(models, DocumentedConstraints.all(models), AllowList.load(), coverage, findings).validate(request);
        return new Run(findings, coverage);
    }

    @Test
    void numericAndLengthBoundsAreInclusive() {
        // given ports and a path at and beyond the model's bounds (Port 1..65535, Path 1..1024)
        var atBounds = validate("elbv2", "CreateTargetGroup", Map.of("Name", "a", "Port", 1.0, "HealthCheckPath", "/".repeat(1024)));
        var upper = validate("elbv2", "CreateTargetGroup", Map.of("Name", "a", "Port", 65535.0));
        var beyond = validate("elbv2", "CreateTargetGroup", Map.of("Name", "a", "Port", 65536.0, "HealthCheckPath", "/".repeat(1025)));
        var below = validate("elbv2", "CreateTargetGroup", Map.of("Name", "a", "Port", 0.0, "HealthCheckPath", ""));
        // then
        assertThat(atBounds.findings()).isEmpty();
        assertThat(upper.findings()).isEmpty();
        assertThat(beyond.findings()).extracting(Finding::memberPath).containsExactlyInAnyOrder("Port", "HealthCheckPath");
        assertThat(below.findings()).extracting(Finding::kind).containsExactlyInAnyOrder(CheckKind.RANGE, CheckKind.LENGTH);
    }

    @Test
    void eachCheckIsCountedOnce() {
        // given a request with one member of each kind of constraint
        var run = validate("elbv2", "CreateTargetGroup", Map.of("Name", "tg-1", "Port", 80.0, "Protocol", "HTTP",
                "HealthCheckPath", "/", "Tags", List.of(Map.of("Key", "k", "Value", "v"))));
        // then: types of 1 structure, 5 members, 1 tag and its 2 members; length of the path, tag key and value; patterns of the tag key and value
        assertThat(run.findings()).isEmpty();
        assertThat(run.count(CheckKind.TYPE)).isEqualTo(9);
        assertThat(run.count(CheckKind.MEMBER)).isEqualTo(7);
        assertThat(run.count(CheckKind.REQUIRED)).isEqualTo(2);
        assertThat(run.count(CheckKind.ENUM)).isEqualTo(1);
        assertThat(run.count(CheckKind.RANGE)).isEqualTo(1);
        assertThat(run.count(CheckKind.SIZE)).isEqualTo(1);
        assertThat(run.count(CheckKind.LENGTH)).isEqualTo(3);
        assertThat(run.count(CheckKind.PATTERN)).isEqualTo(2);
        assertThat(run.count(CheckKind.DOC_TEXT)).isEqualTo(1);
    }

    @Test
    void listsAndMapsAreCheckedForSizeKeysAndValues() {
        // given an empty architectures list (1..1), and environment variables with a bad name and a number value
        var run = validate("lambda", "CreateFunction", Map.of("FunctionName", "f", "Role", "arn:aws:iam::123456789012:role/r",
                "Code", Map.of(), "Architectures", List.of(), "Environment", Map.of("Variables", Map.of("_X", 5.0))));
        // then
        assertThat(run.findings()).extracting(f -> f.memberPath() + " " + f.kind()).containsExactlyInAnyOrder(
                "Architectures SIZE", "Environment.Variables._X PATTERN", "Environment.Variables._X TYPE");
    }

    @Test
    void computedValuesAreCountedNotChecked() {
        // given
        var run = validate("elbv2", "CreateTargetGroup", Map.of("Name", "<computed>", "Port", "<computed>"));
        // then
        assertThat(run.findings()).isEmpty();
        assertThat(run.count(CheckKind.COMPUTED)).isEqualTo(2);
        assertThat(run.count(CheckKind.DOC_TEXT)).isZero();
    }

    @Test
    void anAllowListedOperationIsCheckedAgainstItsSdkRequest() {
        // given ModifyListenerAttributes (not in the models) with a number where the SDK wants text
        var run = validate("elbv2", "ModifyListenerAttributes", Map.of("ListenerArn", "<computed>",
                "Attributes", List.of(Map.of("Key", "routing.http.response.strict_transport_security.header_value", "Value", 5.0))));
        var unknown = validate("elbv2", "ModifyListenerThings", Map.of());
        // then
        assertThat(run.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(CheckKind.ALLOW_LIST);
            assertThat(f.memberPath()).isEqualTo("Attributes[0].Value");
            assertThat(f.message()).isEqualTo("expected String, not 5.0");
        });
        assertThat(unknown.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("has no operation ModifyListenerThings"));
    }

    @Test
    void booleansTimestampsAndNumbersAreTyped() {
        // given
        var run = validate("autoscaling", "CreateAutoScalingGroup", Map.of("AutoScalingGroupName", "g", "MinSize", 1.5,
                "MaxSize", "2", "CapacityRebalance", "true", "NewInstancesProtectedFromScaleIn", true));
        // then
        assertThat(run.findings()).extracting(Finding::memberPath).containsExactlyInAnyOrder("MinSize", "MaxSize", "CapacityRebalance");
    }

    @Test
    void aMinimumAloneIsEnforcedAndSkippedOrAllowedValuesAreCounted() {
        // given EvaluationPeriods (min 1, no max) at 0; a runtime only the allow-list knows; a computed value
        var alarm = validate("cloudwatch", "PutMetricAlarm", Map.of("AlarmName", "a", "ComparisonOperator", "GreaterThanThreshold",
                "EvaluationPeriods", 0.0, "AlarmDescription", "<computed>"));
        var function = validate("lambda", "CreateFunction", Map.of("FunctionName", "f", "Role", "<computed>", "Code", Map.of(),
                "Runtime", "python3.13"));
        // then
        assertThat(alarm.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("outside EvaluationPeriods's range [1..]"));
        assertThat(alarm.count(CheckKind.COMPUTED)).isEqualTo(1);
        assertThat(function.findings()).isEmpty();
        assertThat(function.count(CheckKind.ALLOW_LIST)).isEqualTo(1);
    }

    @Test
    void textThatIsNotJsonIsReportedAndCounted() {
        // given container definitions the provider could not parse
        var run = validate("ecs", "RegisterTaskDefinition", Map.of("family", "f",
                "containerDefinitions", new RequestBuilder.NotJson("[{", "unterminated array")));
        // then
        assertThat(run.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(CheckKind.JSON);
            assertThat(f.message()).isEqualTo("not JSON the provider can parse: unterminated array");
        });
        assertThat(run.count(CheckKind.JSON)).isEqualTo(1);
    }
}
