package spotfleet.infra.components;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.Architecture;
import spotfleet.infra.config.RunOn;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.offline.OfflineMocks;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.jsonInput;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

/** A Fargate stack's Spot alert: the task interruption rule, against AWS's example event. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FargateSpotAlertsTest {
    DeclaredStack stack;
    DeclaredResource rule;

    @BeforeEach
    void declare() {
        stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(FargateTest.fargate().build()));
        rule = stack.one(EVENT_RULE, "spotalerts-task-interruptions");
    }

    @Test
    void oneRuleMatchesTheWarningOfThisClustersTasksAndTellsTheTopic() {
        // given
        var clusterArn = output(stack.one(ECS_CLUSTER, "cluster-ecs"), "arn");
        // when
        var pattern = jsonInput(rule, "eventPattern");
        var target = targetOf(rule);
        // then
        assertThat(pattern).isEqualTo(json(Map.of(
                "source", List.of("aws.ecs"),
                "detail-type", List.of("ECS Task State Change"),
                "detail", Map.of(
                        "clusterArn", List.of(clusterArn),
                        "stopCode", List.of("SpotInterruption", "TerminationNotice"),
                        "desiredStatus", List.of("STOPPED"),
                        "lastStatus", List.of("RUNNING")))));
        assertThat(input(target, "arn")).isEqualTo(output(stack.one(SNS_TOPIC, "alerts-topic"), "arn"));
        assertThat(input(target, "inputTransformer.inputTemplate")).isEqualTo("\"spotfleet-dev: Fargate Spot task <task> gets"
                + " its two-minute interruption warning at <time> (<code>: <reason>); the service starts its replacement on"
                + " FARGATE_SPOT when there is capacity\"");
        assertThat(stack.all(EVENT_RULE)).extracting(DeclaredResource::name)
                .containsExactly("spotalerts-task-interruptions", "spotalerts-deployment-failed");
    }

    @Test
    void awssExampleEventOfThisClusterMatchesAndFillsTheMessage() throws IOException {
        // given AWS's example Fargate Spot interruption, as this stack's cluster would send it
        var event = example();
        event.getAsJsonObject("detail").addProperty("clusterArn", (String) output(stack.one(ECS_CLUSTER, "cluster-ecs"), "arn"));
        // when
        var pattern = jsonInput(rule, "eventPattern").getAsJsonObject();
        var paths = (Map<?, ?>) input(targetOf(rule), "inputTransformer.inputPaths");
        // then: the example's own stop code, and the one the ecs model and the issue name
        assertThat(SpotAlertsTest.matches(pattern, event)).isTrue();
        event.getAsJsonObject("detail").addProperty("stopCode", "SpotInterruption");
        assertThat(SpotAlertsTest.matches(pattern, event)).isTrue();
        // every detail the message quotes is in the example ($.time is in every event's envelope, not in AWS's snippet)
        paths.values().stream().map(String::valueOf).filter(path -> path.startsWith("$.detail."))
                .forEach(path -> assertThat(SpotAlertsTest.resolve(event, path)).as(path).isNotNull());
        assertThat(paths.values().stream().map(String::valueOf).toList()).containsExactlyInAnyOrder("$.detail.taskArn",
                "$.detail.stopCode", "$.detail.stoppedReason", "$.time");
    }

    @Test
    void anotherClustersTasksTheLaterTransitionsAndOtherStopsDoNotMatch() throws IOException {
        // given
        var pattern = jsonInput(rule, "eventPattern").getAsJsonObject();
        var clusterArn = (String) output(stack.one(ECS_CLUSTER, "cluster-ecs"), "arn");
        // when / then: AWS's example is of the cluster "default", not this one
        assertThat(SpotAlertsTest.matches(pattern, example())).isFalse();
        for (var change : List.of(Map.of("lastStatus", "STOPPED"), Map.of("stopCode", "UserInitiated"),
                Map.of("stopCode", "ServiceSchedulerInitiated"), Map.of("desiredStatus", "RUNNING"))) {
            var event = example();
            event.getAsJsonObject("detail").addProperty("clusterArn", clusterArn);
            change.forEach(event.getAsJsonObject("detail")::addProperty);
            assertThat(SpotAlertsTest.matches(pattern, event)).as("%s", change).isFalse();
        }
    }

    @Test
    void theTopicAdmitsTheRuleAndTheDashboardCountsItsMatches() {
        // given
        var ruleName = output(rule, "name");
        // when
        var policy = jsonInput(stack.one(SNS_TOPIC_POLICY, "alertpublishers-policy"), "policy").toString();
        var body = jsonInput(stack.one(DASHBOARD, "dashboard-cloudwatch"), "dashboardBody").getAsJsonObject();
        // then
        assertThat(policy).contains((String) output(rule, "arn"));
        var interrupted = body.getAsJsonArray("widgets").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(widget -> widget.getAsJsonObject("properties").get("title").getAsString().equals("Fargate Spot interruptions"))
                .findFirst().orElseThrow();
        assertThat(interrupted.getAsJsonObject("properties").getAsJsonArray("metrics").get(0)).isEqualTo(JsonParser.parseString(
                "[\"AWS/Events\",\"TriggeredRules\",\"RuleName\",\"%s\",{\"stat\":\"Sum\",\"label\":\"tasks given the two-minute warning\"}]"
                        .formatted(ruleName)));
        assertThat(body.toString()).doesNotContain("AutoScalingGroupName", "FunctionName", "Spotfleet");
    }

    private JsonObject example() throws IOException {
        return JsonParser.parseString(Files.readString(SpotAlertsTest.EVENTS.resolve(
                "ecs-task-state-change-fargate-spot-interruption.json"))).getAsJsonObject();
    }

    private DeclaredResource targetOf(DeclaredResource rule) {
        var targets = stack.all(EVENT_TARGET).stream().filter(t -> output(rule, "name").equals(input(t, "rule"))).toList();
        assertThat(targets).hasSize(1);
        return targets.getFirst();
    }

    private static JsonElement json(Object value) {
        return new com.google.gson.Gson().toJsonTree(value);
    }
}
