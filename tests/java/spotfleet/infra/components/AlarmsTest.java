package spotfleet.infra.components;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlarmsTest {

    DeclaredStack stack;
    Map<String, Object> dimensions;

    @BeforeEach
    void declare() {
        stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder()
                .latencyP99ThresholdMs(250).serviceMinTasks(3).serviceMaxTasks(6).build()));
        dimensions = StackDimensions.of(stack);
    }

    @Test
    void everyAlarmTellsTheTopicWhenItFiresAndWhenItClears() {
        // given
        var topic = List.of(output(stack.one(SNS_TOPIC, "alerts-topic"), "arn"));
        // when
        var alarms = stack.all(METRIC_ALARM);
        // then
        assertThat(alarms).extracting(a -> input(a, "name")).containsExactly("spotfleet-dev-target-5xx-rate",
                "spotfleet-dev-unhealthy-targets", "spotfleet-dev-p99-latency", "spotfleet-dev-too-few-tasks",
                "spotfleet-dev-lb-5xx-rate", "spotfleet-dev-no-healthy-targets",
                "spotfleet-dev-fleet-watch-errors", "spotfleet-dev-fleet-watch-silent");
        assertThat(alarms).allSatisfy(alarm -> {
            assertThat(input(alarm, "alarmActions")).as(alarm.name()).isEqualTo(topic);
            assertThat(input(alarm, "okActions")).as(alarm.name()).isEqualTo(topic);
            assertThat(input(alarm, "alarmDescription")).as(alarm.name()).asString().isNotBlank();
            assertThat(alarm.parent()).contains("alarms");
        });
    }

    @Test
    void everyAlarmsMetricsPointAtThisStacksResources() {
        // given every metric an alarm reads, on its own or in a metric query
        var metricDimensions = stack.all(METRIC_ALARM).stream().flatMap(alarm -> alarm.inputs().containsKey("metricQueries")
                ? ((List<?>) input(alarm, "metricQueries")).stream().map(q -> (Map<?, ?>) q).filter(q -> q.containsKey("metric"))
                        .map(q -> (Map<?, ?>) ((Map<?, ?>) q.get("metric")).get("dimensions"))
                : java.util.stream.Stream.of((Map<?, ?>) input(alarm, "dimensions"))).toList();
        // when / then
        assertThat(metricDimensions).hasSize(10).allSatisfy(dims -> assertThat(dims).isNotEmpty()
                .allSatisfy((name, value) -> assertThat(value).as("%s", name)
                        .isEqualTo(name.equals("PurchaseOption") ? "OnDemand" : dimensions.get(name))));
    }

    @Test
    void theErrorRateIsTheServices5xxOverItsRequests() {
        // given
        var alarm = alarm("alarms-target-5xx-rate");
        // when
        var queries = (List<?>) input(alarm, "metricQueries");
        // then
        assertThat(queries).hasSize(3);
        assertThat(input(alarm, "metricQueries.0")).isEqualTo(Map.of("id", "errors", "returnData", false, "metric", Map.of(
                "namespace", "AWS/ApplicationELB", "metricName", "HTTPCode_Target_5XX_Count", "stat", "Sum", "period", 60.0,
                "dimensions", Map.of("LoadBalancer", dimensions.get("LoadBalancer"), "TargetGroup", dimensions.get("TargetGroup")))));
        assertThat(input(alarm, "metricQueries.1.metric.metricName")).isEqualTo("RequestCount");
        assertThat(input(alarm, "metricQueries.2.expression")).isEqualTo("100 * FILL(errors, 0) / requests");
        assertThat(input(alarm, "metricQueries.2.returnData")).isEqualTo(true);
        assertWindow(alarm, "GreaterThanThreshold", 5.0, 5, 3, "notBreaching");
    }

    @Test
    void theLoadBalancersOwnErrorRateIsItsOwn5xxOverAllItsRequests() {
        // given
        var alarm = alarm("alarms-lb-5xx-rate");
        // when
        var queries = (List<?>) input(alarm, "metricQueries");
        // then: the load balancer's own answers (502/503/504), over every request it took, by load balancer only
        assertThat(queries).hasSize(3);
        assertThat(input(alarm, "metricQueries.0")).isEqualTo(Map.of("id", "errors", "returnData", false, "metric", Map.of(
                "namespace", "AWS/ApplicationELB", "metricName", "HTTPCode_ELB_5XX_Count", "stat", "Sum", "period", 60.0,
                "dimensions", Map.of("LoadBalancer", dimensions.get("LoadBalancer")))));
        assertThat(input(alarm, "metricQueries.1.metric.metricName")).isEqualTo("RequestCount");
        assertThat(input(alarm, "metricQueries.1.metric.dimensions")).isEqualTo(Map.of("LoadBalancer", dimensions.get("LoadBalancer")));
        // the 503s of no target are not in RequestCount: they join the denominator
        assertThat(input(alarm, "metricQueries.2.expression")).isEqualTo("100 * FILL(errors, 0) / (FILL(requests, 0) + FILL(errors, 0))");
        assertWindow(alarm, "GreaterThanThreshold", 5.0, 5, 3, "notBreaching");
    }

    @Test
    void noHealthyTargetAlarmsAfterTwoMinutesAndTreatsSilenceAsNone() {
        // given / when
        var alarm = alarm("alarms-no-healthy-targets");
        // then
        assertThat(input(alarm, "metricName")).isEqualTo("HealthyHostCount");
        assertThat(input(alarm, "statistic")).isEqualTo("Minimum");
        assertWindow(alarm, "LessThanThreshold", 1.0, 2, 2, "breaching");
    }

    @Test
    void unhealthyTargetsAlarmAfterFiveMinutesOfAnyFailingHealthChecks() {
        // given / when
        var alarm = alarm("alarms-unhealthy-targets");
        // then
        assertThat(input(alarm, "metricName")).isEqualTo("UnHealthyHostCount");
        assertThat(input(alarm, "statistic")).isEqualTo("Maximum");
        assertWindow(alarm, "GreaterThanThreshold", 0.0, 5, 5, "notBreaching");
    }

    @Test
    void theLatencyAlarmWatchesP99AgainstTheConfiguredThresholdInSeconds() {
        // given / when
        var alarm = alarm("alarms-p99-latency");
        // then
        assertThat(input(alarm, "metricName")).isEqualTo("TargetResponseTime");
        assertThat(input(alarm, "extendedStatistic")).isEqualTo("p99");
        assertThat(alarm.inputs()).doesNotContainKey("statistic");
        assertThat(input(alarm, "evaluateLowSampleCountPercentiles")).isEqualTo("ignore");
        assertWindow(alarm, "GreaterThanThreshold", 0.25, 5, 5, "notBreaching");
    }

    @Test
    void tooFewRunningTasksIsBelowServiceMinTasksAndSilenceCountsAsBreaching() {
        // given / when
        var alarm = alarm("alarms-too-few-tasks");
        // then
        assertThat(input(alarm, "namespace")).isEqualTo("ECS/ContainerInsights");
        assertThat(input(alarm, "metricName")).isEqualTo("RunningTaskCount");
        assertThat(input(alarm, "dimensions")).isEqualTo(Map.of(
                "ClusterName", dimensions.get("ClusterName"), "ServiceName", dimensions.get("ServiceName")));
        assertWindow(alarm, "LessThanThreshold", 3.0, 10, 10, "breaching");
    }

    @Test
    void theFleetWatchFunctionsErrorsAlarmWhenARetriedEventKeepsFailingNotOnALoneError() {
        // given / when
        var alarm = alarm("alarms-fleet-watch-errors");
        // then
        assertMetric(alarm, "AWS/Lambda", "Errors", Map.of("FunctionName", dimensions.get("FunctionName")), "Sum");
        assertWindow(alarm, "GreaterThanThreshold", 0.0, 5, 2, "notBreaching");
    }

    @Test
    void minutesWithoutAnInstanceCountFromTheFunctionAreBreachingAndOnlyThey() {
        // given / when
        var alarm = alarm("alarms-fleet-watch-silent");
        // then: a series the function publishes every run, zeros included; SampleCount is at least 1 whenever it did
        assertMetric(alarm, "Spotfleet", "InServiceInstances", Map.of(
                "AutoScalingGroupName", dimensions.get("AutoScalingGroupName"), "PurchaseOption", "OnDemand"), "SampleCount");
        assertWindow(alarm, "LessThanThreshold", 1.0, 5, 5, "breaching");
    }

    private DeclaredResource alarm(String name) {
        return stack.one(METRIC_ALARM, name);
    }

    /** One metric of this stack, one-minute periods. */
    private static void assertMetric(DeclaredResource alarm, String namespace, String metricName, Map<String, Object> dimensions,
                                     String statistic) {
        assertThat(input(alarm, "namespace")).isEqualTo(namespace);
        assertThat(input(alarm, "metricName")).isEqualTo(metricName);
        assertThat(input(alarm, "dimensions")).isEqualTo(dimensions);
        assertThat(input(alarm, "statistic")).isEqualTo(statistic);
        assertThat(input(alarm, "period")).isEqualTo(60.0);
    }

    private static void assertWindow(DeclaredResource alarm, String comparison, double threshold, int periods, int datapoints,
                                     String missingData) {
        assertThat(input(alarm, "comparisonOperator")).isEqualTo(comparison);
        assertThat(input(alarm, "threshold")).isEqualTo(threshold);
        assertThat(input(alarm, "evaluationPeriods")).isEqualTo((double) periods);
        assertThat(input(alarm, "datapointsToAlarm")).isEqualTo((double) datapoints);
        assertThat(input(alarm, "treatMissingData")).isEqualTo(missingData);
    }
}
