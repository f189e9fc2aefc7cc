package spotfleet.infra.components;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.pulumi.asset.AssetArchive;
import com.pulumi.asset.AssetOrArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.jsonInput;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetWatchTest {

    DeclaredStack stack;

    @BeforeEach
    void declare() {
        stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder().logRetentionDays(30).build()));
    }

    @Test
    void theFunctionWatchesThisStacksGroupAndAlertsItsTopic() {
        // given / when
        var function = function();
        // then
        assertThat(input(function, "runtime")).isEqualTo("python3.13");
        assertThat(input(function, "handler")).isEqualTo("fleet_watch.handler");
        assertThat(input(function, "architectures")).isEqualTo(List.of("arm64"));
        assertThat(input(function, "role")).isEqualTo(output(stack.one(ROLE, "fleetwatch-role"), "arn"));
        assertThat(input(function, "environment.variables")).isEqualTo(Map.of(
                "AUTO_SCALING_GROUP_NAME", output(stack.one(AUTO_SCALING_GROUP, "capacity-asg"), "name"),
                "TOPIC_ARN", output(stack.one(SNS_TOPIC, "alerts-topic"), "arn"),
                "METRIC_NAMESPACE", "Spotfleet",
                "STACK", "spotfleet-dev"));
        assertThat(function.dependsOn()).containsExactly("fleetwatch-permissions");
    }

    @Test
    void itShipsTheTestedSourceFile() throws IOException {
        // given the file tests/python tests
        var tested = Files.readString(Path.of("src/main/resources/spotfleet/infra/functions/fleet_watch.py"));
        // when: the archive's entries (read through Pulumi's internal accessor: archives expose no public one)
        var archive = (AssetArchive) input(function(), "code");
        var entries = (Map<?, ?>) AssetOrArchive.AssetOrArchiveInternal.from(archive).getValue();
        // then
        assertThat(entries.keySet()).isEqualTo(java.util.Set.of("fleet_watch.py"));
        assertThat(AssetOrArchive.AssetOrArchiveInternal.from((AssetOrArchive) entries.get("fleet_watch.py")).getValue())
                .isEqualTo(tested);
    }

    @Test
    void theMetricNamesItPublishesAreTheOnesTheDashboardReads() {
        // given
        var source = FleetWatch.source();
        // when / then
        for (var metric : List.of(Metrics.IN_SERVICE_ON_DEMAND, Metrics.IN_SERVICE_SPOT, Metrics.IN_SERVICE_OTHER,
                Metrics.SPOT_INTERRUPTION_WARNINGS, Metrics.REBALANCE_RECOMMENDATIONS)) {
            assertThat(metric.namespace()).isEqualTo("Spotfleet");
            assertThat(source).contains("\"" + metric.name() + "\"");
            metric.fixed().forEach((name, value) -> assertThat(source).contains("\"" + name + "\"", "\"" + value + "\""));
        }
    }

    @Test
    void itsLogsGoToItsOwnLogGroupWithTheStacksRetention() {
        // given
        var logs = stack.one(LOG_GROUP, "fleetwatch-logs");
        // when / then
        assertThat(input(function(), "loggingConfig")).isEqualTo(Map.of("logGroup", output(logs, "name"), "logFormat", "JSON"));
        assertThat(input(logs, "retentionInDays")).isEqualTo(30.0);
    }

    @Test
    void itsRoleMayOnlyReadTheFleetPublishItsNamespaceAndAlertTheTopic() {
        // given
        var trust = jsonInput(stack.one(ROLE, "fleetwatch-role"), "assumeRolePolicy").getAsJsonObject()
                .getAsJsonArray("Statement").get(0).getAsJsonObject();
        // when
        var statements = jsonInput(stack.one(ROLE_POLICY, "fleetwatch-permissions"), "policy").getAsJsonObject()
                .getAsJsonArray("Statement").asList().stream().map(JsonElement::getAsJsonObject).toList();
        // then
        assertThat(trust.getAsJsonObject("Principal").get("Service").getAsString()).isEqualTo("lambda.amazonaws.com");
        assertThat(statements).extracting(s -> s.get("Sid").getAsString(), s -> s.get("Resource").getAsString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ReadTheFleet", "*"),
                        org.assertj.core.groups.Tuple.tuple("PublishFleetMetrics", "*"),
                        org.assertj.core.groups.Tuple.tuple("AlertTheTopic", output(stack.one(SNS_TOPIC, "alerts-topic"), "arn")),
                        org.assertj.core.groups.Tuple.tuple("EncryptForTheTopic", output(stack.one(KMS_KEY, "alerts-key"), "arn")),
                        org.assertj.core.groups.Tuple.tuple("WriteItsLogs", output(stack.one(LOG_GROUP, "fleetwatch-logs"), "arn") + ":*"));
        assertThat(actions(statements.get(0))).containsExactly("autoscaling:DescribeAutoScalingGroups", "ec2:DescribeInstances");
        assertThat(actions(statements.get(1))).containsExactly("cloudwatch:PutMetricData");
        assertThat(statements.get(1).getAsJsonObject("Condition").getAsJsonObject("StringEquals").get("cloudwatch:namespace")
                .getAsString()).isEqualTo("Spotfleet");
        assertThat(actions(statements.get(2))).containsExactly("sns:Publish");
        assertThat(input(stack.one(ROLE_POLICY, "fleetwatch-permissions"), "role")).isEqualTo(stack.one(ROLE, "fleetwatch-role").id());
    }

    @Test
    void itRunsEveryMinuteOnASchedule() {
        // given
        var schedule = stack.one(EVENT_RULE, "fleetwatch-schedule");
        // when
        var target = stack.one(EVENT_TARGET, "fleetwatch-schedule-target");
        // then
        assertThat(input(schedule, "scheduleExpression")).isEqualTo("rate(1 minute)");
        assertThat(target.inputs()).isEqualTo(Map.of("rule", output(schedule, "name"), "arn", output(function(), "arn")));
        assertThat(input(stack.one(LAMBDA_PERMISSION, "fleetwatch-schedule-invoke"), "sourceArn")).isEqualTo(output(schedule, "arn"));
    }

    private DeclaredResource function() {
        return stack.one(LAMBDA_FUNCTION, "fleetwatch-function");
    }

    private static List<String> actions(JsonObject statement) {
        return statement.getAsJsonArray("Action").asList().stream().map(JsonElement::getAsString).toList();
    }
}
