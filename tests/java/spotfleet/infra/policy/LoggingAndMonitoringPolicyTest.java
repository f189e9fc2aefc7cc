package spotfleet.infra.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.*;

/** What the stack records and who hears about trouble: log retention, Container Insights, alarms, the alert topic. */
class LoggingAndMonitoringPolicyTest {

    /**
     * Lambda runtimes the stack may use, with the date AWS deprecates each (Lambda's runtime support policy). A runtime
     * past its date gets no security patches: the check fails then, and the runtime must move on.
     */
    static final Map<String, LocalDate> SUPPORTED_RUNTIMES = Map.of(
            "python3.12", LocalDate.of(2028, 10, 31),
            "python3.13", LocalDate.of(2029, 6, 30));
    /** Protocols that carry alerts in plain text over the internet. */
    static final Set<String> PLAINTEXT_PROTOCOLS = Set.of("http");

    @PolicyCheck
    void everyLogGroupHasARetention(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var group : stack.each(LOG_GROUP)) {
            var days = input(group, "retentionInDays");
            findings.require(days instanceof Number n && n.intValue() > 0, group, "retentionInDays is %s: logs are kept (and paid for) forever", days);
        }
        // then
        findings.assertNone("every log group expires its logs");
    }

    @PolicyCheck
    void functionsLogToADeclaredLogGroup(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var logGroups = stack.each(LOG_GROUP).stream().map(group -> group.outputs().get("name")).toList();
        // when: otherwise Lambda creates /aws/lambda/<name> itself, without a retention
        for (var function : stack.each(LAMBDA_FUNCTION)) {
            var group = input(function, "loggingConfig.logGroup");
            findings.require(logGroups.contains(group), function, "logs to %s, which the stack does not declare", group);
        }
        // then
        findings.assertNone("functions write to a log group of the stack, with its retention");
    }

    @PolicyCheck
    void functionsRunASupportedRuntime(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var today = LocalDate.now();
        // when
        for (var function : stack.each(LAMBDA_FUNCTION)) {
            var runtime = String.valueOf(input(function, "runtime"));
            var deprecated = SUPPORTED_RUNTIMES.get(runtime);
            findings.require(deprecated != null && today.isBefore(deprecated), function,
                    "runs %s, %s", runtime, deprecated == null ? "not one of " + SUPPORTED_RUNTIMES.keySet() : "deprecated since " + deprecated);
        }
        // then
        findings.assertNone("functions run a runtime AWS still patches");
    }

    @PolicyCheck
    void containerInsightsIsOn(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var cluster : stack.each(ECS_CLUSTER)) {
            var settings = (List<?>) input(cluster, "settings");
            findings.require(settings != null && settings.contains(Map.of("name", "containerInsights", "value", "enabled")), cluster,
                    "settings are %s, without Container Insights: the too-few-tasks alarm would have no data", settings);
        }
        // then
        findings.assertNone("the cluster reports task and service metrics");
    }

    @PolicyCheck
    void everyAlarmNotifiesTheAlertTopic(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var topics = stack.each(SNS_TOPIC).stream().map(topic -> topic.outputs().get("arn")).toList();
        // when
        for (var alarm : stack.each(METRIC_ALARM)) {
            findings.require(!Boolean.FALSE.equals(input(alarm, "actionsEnabled")), alarm, "has its actions disabled");
            for (var actions : List.of("alarmActions", "okActions")) {
                var targets = (List<?>) input(alarm, actions);
                findings.require(targets != null && !targets.isEmpty() && topics.containsAll(targets), alarm,
                        "%s are %s, not the stack's alert topic", actions, targets);
            }
        }
        // then
        findings.assertNone("every alarm tells the alert topic when it fires and when it clears");
    }

    @PolicyCheck
    void alertsAreEncryptedWithARotatingKeyAndDeliveredOverTls(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var topic : stack.each(SNS_TOPIC)) {
            var keyArn = input(topic, "kmsMasterKeyId");
            var keys = stack.declared().all(KMS_KEY).stream().filter(key -> key.outputs().get("arn").equals(keyArn)).toList();
            findings.require(keys.size() == 1, topic, "is encrypted with %s, not a key of the stack (the AWS-managed key cannot be"
                    + " used by alarms and EventBridge, and no key means plain text at rest)", keyArn);
            keys.forEach(key -> findings.require(Boolean.TRUE.equals(input(key, "enableKeyRotation")), key,
                    "enableKeyRotation is %s", input(key, "enableKeyRotation")));
        }
        var subscriptions = stack.declared().all(SNS_SUBSCRIPTION);
        findings.require(subscriptions.isEmpty() != stack.settings().monitoring().alarmEmail().isPresent(),
                stack.each(SNS_TOPIC).getFirst(), "has %d subscription(s) with alarmEmail %s", subscriptions.size(),
                stack.settings().monitoring().alarmEmail());
        for (var subscription : subscriptions) {
            findings.require(!PLAINTEXT_PROTOCOLS.contains(input(subscription, "protocol")), subscription,
                    "delivers alerts over %s", input(subscription, "protocol"));
        }
        // then
        findings.assertNone("alerts are encrypted at rest with a key that rotates, and never sent in plain HTTP");
    }
}
