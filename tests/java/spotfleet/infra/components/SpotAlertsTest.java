package spotfleet.infra.components;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.jsonInput;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpotAlertsTest {

    DeclaredStack stack;

    @BeforeAll
    void declare() {
        stack = DeclaredStack.withDefaults();
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
                List.of(output(stack.one(EVENT_RULE, "spotalerts-launch-failed"), "arn"))));
        assertThat(statements.get(2)).isEqualTo(json(Map.of("Sid", "OnlyOverTls", "Effect", "Deny", "Principal", "*",
                "Action", "sns:Publish", "Resource", topicArn(),
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))));
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
