package spotfleet.infra.components;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
class SpotAlertsTest {

    /**
     * AWS's example events, verbatim, shared with tests/python: awsdocs/amazon-ec2-auto-scaling-user-guide,
     * doc_source/ec2-auto-scaling-event-reference.md (commit 309b0386bb47f395cc12c15d681e1e88f50bf2e1), "EC2 Instance
     * Launch Unsuccessful"; awsdocs/amazon-ec2-user-guide, doc_source/spot-instance-termination-notices.md (commit
     * 57fb57eab9f86bffe17f97646d1847066f34880d) and doc_source/rebalance-recommendations.md (commit
     * 0f17a814957a4cbcdb23d8ebfcda3cd7f0febb15).
     */
    static final Path EVENTS = Path.of("tests/resources/aws-events");
    static final String LAUNCH_UNSUCCESSFUL = "ec2-instance-launch-unsuccessful.json";
    static final String SPOT_INTERRUPTION_WARNING = "ec2-spot-instance-interruption-warning.json";
    static final String REBALANCE_RECOMMENDATION = "ec2-instance-rebalance-recommendation.json";
    /**
     * AWS's "Example service deployment failed event" (awsdocs/amazon-ecs-developer-guide doc_source/ecs_cwe_events.md,
     * commit 49232cf, the last before the repository was archived).
     */
    static final String DEPLOYMENT_FAILED = "ecs-deployment-state-change-failed.json";

    DeclaredStack stack;

    @BeforeEach
    void declare() {
        stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.withDefaults());
    }

    @Test
    void failedLaunchesOfThisGroupGoStraightToTheTopic() {
        // given
        var rule = stack.one(EVENT_RULE, "spotalerts-launch-failed");
        var groupName = output(stack.one(AUTO_SCALING_GROUP, "capacity-asg"), "name");
        // when
        var pattern = jsonInput(rule, "eventPattern");
        // then
        assertThat(pattern).isEqualTo(json(Map.of(
                "source", List.of("aws.autoscaling"),
                "detail-type", List.of("EC2 Instance Launch Unsuccessful"),
                "detail", Map.of("AutoScalingGroupName", List.of(groupName)))));
        var target = targetOf(rule);
        assertThat(input(target, "arn")).isEqualTo(topicArn());
        assertThat(input(target, "inputTransformer.inputPaths")).isEqualTo(Map.of(
                "group", "$.detail.AutoScalingGroupName", "reason", "$.detail.StatusMessage", "time", "$.time"));
        assertThat(input(target, "inputTransformer.inputTemplate"))
                .isEqualTo("\"spotfleet-dev: Auto Scaling group <group> could not launch an instance at <time>: <reason>\"");
    }

    @Test
    void spotWarningsAndRebalanceRecommendationsGoToTheFunctionThatKeepsThisGroupsOnly() {
        // given
        var rule = stack.one(EVENT_RULE, "spotalerts-interruptions");
        var function = stack.one(LAMBDA_FUNCTION, "fleetwatch-function");
        // when
        var pattern = jsonInput(rule, "eventPattern");
        // then: EC2 events carry only the instance id, so the pattern cannot name the group
        assertThat(pattern).isEqualTo(json(Map.of(
                "source", List.of("aws.ec2"),
                "detail-type", List.of("EC2 Spot Instance Interruption Warning", "EC2 Instance Rebalance Recommendation"))));
        assertThat(input(targetOf(rule), "arn")).isEqualTo(output(function, "arn"));
        var permission = stack.one(LAMBDA_PERMISSION, "spotalerts-interruptions-invoke");
        assertThat(permission.inputs()).isEqualTo(Map.of(
                "function", output(function, "name"),
                "action", "lambda:InvokeFunction",
                "principal", "events.amazonaws.com",
                "sourceArn", output(rule, "arn")));
    }

    @Test
    void theTopicPolicyLetsExactlyThisStacksRulesAndAlarmsPublish() {
        // given
        var policy = stack.one(SNS_TOPIC_POLICY, "alertpublishers-policy");
        var alarmArns = stack.all(METRIC_ALARM).stream().map(a -> output(a, "arn")).toList();
        // when
        var statements = jsonInput(policy, "policy").getAsJsonObject().getAsJsonArray("Statement").asList().stream()
                .map(JsonElement::getAsJsonObject).toList();
        // then
        assertThat(input(policy, "arn")).isEqualTo(topicArn());
        assertThat(statements).hasSize(3);
        assertThat(statements.get(0)).isEqualTo(publishFrom("ThisStacksAlarms", "cloudwatch.amazonaws.com", alarmArns));
        assertThat(statements.get(1)).isEqualTo(publishFrom("ThisStacksEventBridgeRules", "events.amazonaws.com",
                List.of(output(stack.one(EVENT_RULE, "spotalerts-launch-failed"), "arn"),
                        output(stack.one(EVENT_RULE, "spotalerts-deployment-failed"), "arn"))));
        assertThat(statements.get(2)).isEqualTo(json(Map.of("Sid", "OnlyOverTls", "Effect", "Deny", "Principal", "*",
                "Action", "sns:Publish", "Resource", topicArn(),
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))));
    }

    @Test
    void awssExampleFailedLaunchOfThisGroupMatchesItsRuleAndFillsEveryFieldOfTheMessage() throws IOException {
        // given AWS's example, as this stack's group would send it
        var rule = stack.one(EVENT_RULE, "spotalerts-launch-failed");
        var event = example(LAUNCH_UNSUCCESSFUL);
        event.getAsJsonObject("detail").addProperty("AutoScalingGroupName",
                (String) output(stack.one(AUTO_SCALING_GROUP, "capacity-asg"), "name"));
        // when
        var paths = (Map<?, ?>) input(targetOf(rule), "inputTransformer.inputPaths");
        // then
        assertThat(matches(jsonInput(rule, "eventPattern").getAsJsonObject(), event)).isTrue();
        assertThat(matches(jsonInput(stack.one(EVENT_RULE, "spotalerts-interruptions"), "eventPattern").getAsJsonObject(), event))
                .isFalse();
        assertThat(paths.values()).allSatisfy(path -> assertThat(resolve(event, (String) path))
                .as("%s in AWS's example", path).isNotNull().matches(JsonElement::isJsonPrimitive));
    }

    @Test
    void awssExampleFailedDeploymentOfThisServiceMatchesItsRuleAndFillsEveryFieldOfTheMessage() throws IOException {
        // given AWS's example, as this stack's service would send it, and the same for another service
        var rule = stack.one(EVENT_RULE, "spotalerts-deployment-failed");
        var event = example(DEPLOYMENT_FAILED);
        var other = example(DEPLOYMENT_FAILED);
        var resources = new com.google.gson.JsonArray();
        resources.add(stack.one(ECS_SERVICE, "web-service").id());
        event.add("resources", resources);
        // when
        var pattern = jsonInput(rule, "eventPattern").getAsJsonObject();
        var paths = (Map<?, ?>) input(targetOf(rule), "inputTransformer.inputPaths");
        // then: this service's failed deployment alerts the topic, with every field of its message; another's does not
        assertThat(matches(pattern, event)).isTrue();
        assertThat(matches(pattern, other)).isFalse();
        event.getAsJsonObject("detail").addProperty("eventName", "SERVICE_DEPLOYMENT_COMPLETED");
        assertThat(matches(pattern, event)).isFalse();
        assertThat(input(targetOf(rule), "arn")).isEqualTo(topicArn());
        event.getAsJsonObject("detail").addProperty("eventName", "SERVICE_DEPLOYMENT_FAILED");
        assertThat(paths.values()).allSatisfy(path -> assertThat(resolve(event, (String) path))
                .as("%s in AWS's example", path).isNotNull().matches(JsonElement::isJsonPrimitive));
    }

    @Test
    void awssExampleInterruptionWarningAndRebalanceRecommendationMatchTheFunctionsRuleOnly() throws IOException {
        // given
        var interruptions = jsonInput(stack.one(EVENT_RULE, "spotalerts-interruptions"), "eventPattern").getAsJsonObject();
        var launchFailed = jsonInput(stack.one(EVENT_RULE, "spotalerts-launch-failed"), "eventPattern").getAsJsonObject();
        // when / then
        for (var file : List.of(SPOT_INTERRUPTION_WARNING, REBALANCE_RECOMMENDATION)) {
            var event = example(file);
            assertThat(matches(interruptions, event)).as(file).isTrue();
            assertThat(matches(launchFailed, event)).as(file).isFalse();
        }
    }

    private static JsonObject example(String file) throws IOException {
        return JsonParser.parseString(Files.readString(EVENTS.resolve(file))).getAsJsonObject();
    }

    /**
     * EventBridge's matching for patterns made only of exact values: each field the pattern names is in the event, and
     * its value is one of the pattern's array (objects match field by field).
     */
    static boolean matches(JsonObject pattern, JsonObject event) {
        return pattern.entrySet().stream().allMatch(field -> {
            var value = event.get(field.getKey());
            if (field.getValue().isJsonObject()) {
                return value != null && value.isJsonObject() && matches(field.getValue().getAsJsonObject(), value.getAsJsonObject());
            }
            if (value != null && value.isJsonArray()) {
                // "If the value in the event is an array, then the event pattern matches if the intersection of the event
                // pattern array and the event array is non-empty" (EventBridge user guide, event patterns, arrays)
                return value.getAsJsonArray().asList().stream().anyMatch(field.getValue().getAsJsonArray()::contains);
            }
            return value != null && field.getValue().getAsJsonArray().contains(value);
        });
    }

    /** An input transformer path, {@code $.a.b}, in the event; null when it is not there. */
    static JsonElement resolve(JsonObject event, String path) {
        JsonElement at = event;
        for (var name : path.substring(2).split("\\.")) {
            at = at != null && at.isJsonObject() ? at.getAsJsonObject().get(name) : null;
        }
        return at;
    }

    private DeclaredResource targetOf(DeclaredResource rule) {
        var targets = stack.all(EVENT_TARGET).stream().filter(t -> output(rule, "name").equals(input(t, "rule"))).toList();
        assertThat(targets).as("targets of %s", rule.name()).hasSize(1);
        return targets.getFirst();
    }

    private Object topicArn() {
        return output(stack.one(SNS_TOPIC, "alerts-topic"), "arn");
    }

    private JsonObject publishFrom(String sid, String service, List<Object> sources) {
        return json(Map.of("Sid", sid, "Effect", "Allow", "Principal", Map.of("Service", service), "Action", "sns:Publish",
                "Resource", topicArn(), "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", sources)))).getAsJsonObject();
    }

    private static JsonElement json(Object value) {
        return new com.google.gson.Gson().toJsonTree(value);
    }
}
