package spotfleet.infra.policy;

import java.time.LocalDate;
import java.util.ArrayList;
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

    /**
     * What PutMetricAlarm accepts, from the CloudWatch model (Debian's python3-botocore 1.29.27,
     * botocore/data/cloudwatch/2010-08-01/service-2.json, PutMetricAlarmInput): Period "Valid values are 10, 30, and any
     * multiple of 60", "Period multiplied by EvaluationPeriods cannot be more than 86,400 seconds", TreatMissingData
     * "Valid Values: breaching | notBreaching | ignore | missing".
     */
    static final Set<Integer> SUB_MINUTE_PERIODS = Set.of(10, 30);
    static final int MAX_EVALUATION_SECONDS = 86_400;
    static final Set<String> MISSING_DATA_TREATMENTS = Set.of("breaching", "notBreaching", "ignore", "missing");

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
    void noAlarmWaitsOnContainerInsightsTheClusterDoesNotPublish(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var insightsOn = stack.each(ECS_CLUSTER).stream().allMatch(cluster -> input(cluster, "settings") instanceof List<?> settings
                && settings.contains(Map.of("name", "containerInsights", "value", "enabled")));
        findings.require(insightsOn == (stack.settings().cluster().containerInsights() == spotfleet.infra.config.ContainerInsights.ENABLED),
                stack.each(ECS_CLUSTER).getFirst(), "Container Insights is %s on the cluster against spotfleet:containerInsights %s",
                insightsOn ? "on" : "off", stack.settings().cluster().containerInsights().configValue());
        // when
        if (!insightsOn) {
            for (var alarm : stack.each(METRIC_ALARM)) {
                findings.require(!String.valueOf(alarm.inputs()).contains("ECS/ContainerInsights"), alarm,
                        "watches ECS/ContainerInsights metrics, which a cluster without Container Insights never publishes");
            }
        }
        // then
        findings.assertNone("every alarm watches metrics the stack publishes: Container Insights' only when the cluster has it on");
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
    void alarmWindowsAreOnesCloudWatchAccepts(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when: the alarm's own period, or each metric's in a metric-math alarm
        for (var alarm : stack.each(METRIC_ALARM)) {
            var queries = alarm.inputs().containsKey("metricQueries") ? (List<?>) input(alarm, "metricQueries") : List.of();
            var periods = new ArrayList<Object>();
            if (queries.isEmpty()) {
                periods.add(input(alarm, "period"));
            }
            queries.stream().map(q -> (Map<?, ?>) q).filter(q -> q.containsKey("metric"))
                    .forEach(q -> periods.add(((Map<?, ?>) q.get("metric")).get("period")));
            var evaluationPeriods = wholeNumber(input(alarm, "evaluationPeriods"));
            for (var value : periods) {
                var period = wholeNumber(value);
                findings.require(period > 0 && (SUB_MINUTE_PERIODS.contains((int) period) || period % 60 == 0), alarm,
                        "period is %s s, not 10, 30 or a multiple of 60", value);
                findings.require(evaluationPeriods > 0 && period * evaluationPeriods <= MAX_EVALUATION_SECONDS, alarm,
                        "%s periods of %s s are not 1 to %d s of evaluation", input(alarm, "evaluationPeriods"), value,
                        MAX_EVALUATION_SECONDS);
            }
            var datapoints = alarm.inputs().containsKey("datapointsToAlarm") ? wholeNumber(input(alarm, "datapointsToAlarm"))
                    : evaluationPeriods;
            findings.require(datapoints >= 1 && datapoints <= evaluationPeriods, alarm,
                    "datapointsToAlarm %s is not within 1..evaluationPeriods (%s)", input(alarm, "datapointsToAlarm"),
                    input(alarm, "evaluationPeriods"));
            findings.require(MISSING_DATA_TREATMENTS.contains(String.valueOf(input(alarm, "treatMissingData"))), alarm,
                    "treatMissingData is %s, not one of %s (and left out, it is \"missing\": say which)",
                    input(alarm, "treatMissingData"), MISSING_DATA_TREATMENTS);
        }
        // then
        findings.assertNone("alarm periods, windows and missing-data rules are ones PutMetricAlarm accepts, each chosen");
    }

    @PolicyCheck
    void functionsAlarmOnTheirErrors(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var alarms = stack.declared().all(METRIC_ALARM);
        // when: a function fails quietly otherwise; its log group is read only when someone already looks
        for (var function : stack.each(LAMBDA_FUNCTION)) {
            var name = function.outputs().get("name");
            findings.require(alarms.stream().anyMatch(alarm -> "AWS/Lambda".equals(input(alarm, "namespace"))
                            && "Errors".equals(input(alarm, "metricName"))
                            && Map.of("FunctionName", name).equals(input(alarm, "dimensions"))), function,
                    "has no alarm on its Errors (AWS/Lambda, FunctionName %s)", name);
        }
        // then
        findings.assertNone("every function's errors raise an alarm");
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

    /** The input as a whole number, or -1 when it is missing or not one (which every check above rejects). */
    private static long wholeNumber(Object value) {
        return value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue() : -1;
    }
}
