package spotfleet.contract;

import java.util.List;

/** CloudWatch alarms and dashboards, as hashicorp/terraform-provider-aws's {@code internal/service/cloudwatch} creates them. */
final class CloudWatchMappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/cloudwatch/";

    private CloudWatchMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:cloudwatch/metricAlarm:MetricAlarm", DIR + "metric_alarm.go (expandPutMetricAlarmInput)", r -> {
            var request = r.request("cloudwatch", "PutMetricAlarm").name("AlarmName")
                    .copy("alarmDescription", "AlarmDescription")
                    .copy("actionsEnabled", "ActionsEnabled")
                    .copy("alarmActions", "AlarmActions").copy("okActions", "OKActions")
                    .copy("insufficientDataActions", "InsufficientDataActions")
                    .copy("comparisonOperator", "ComparisonOperator")
                    .copy("datapointsToAlarm", "DatapointsToAlarm")
                    .copy("evaluationPeriods", "EvaluationPeriods")
                    .copy("threshold", "Threshold")
                    .copy("thresholdMetricId", "ThresholdMetricId")
                    .copy("treatMissingData", "TreatMissingData")
                    .copy("evaluateLowSampleCountPercentiles", "EvaluateLowSampleCountPercentile")
                    .copy("metricName", "MetricName").copy("namespace", "Namespace").copy("period", "Period")
                    .copy("statistic", "Statistic").copy("extendedStatistic", "ExtendedStatistic").copy("unit", "Unit")
                    .copy("dimensions", "Dimensions", dimensions -> Values.pairs(dimensions, "Name", "Value"))
                    .tags(Tags.list("Tags", "Key", "Value"));
            var queries = (List<?>) r.input("metricQueries").orElse(List.of());
            for (int i = 0; i < queries.size(); i++) {
                var query = "metricQueries[%d]".formatted(i);
                var item = "Metrics[%d]".formatted(i);
                // expandMetricAlarmMetrics: a query's metric block is MetricStat, its identity nested in MetricStat.Metric.
                request.copy(query + ".id", item + ".Id").copy(query + ".expression", item + ".Expression")
                        .copy(query + ".label", item + ".Label").copy(query + ".returnData", item + ".ReturnData")
                        .copy(query + ".period", item + ".Period").copy(query + ".accountId", item + ".AccountId")
                        .copy(query + ".metric.metricName", item + ".MetricStat.Metric.MetricName")
                        .copy(query + ".metric.namespace", item + ".MetricStat.Metric.Namespace")
                        .copy(query + ".metric.dimensions", item + ".MetricStat.Metric.Dimensions",
                                dimensions -> Values.pairs(dimensions, "Name", "Value"))
                        .copy(query + ".metric.period", item + ".MetricStat.Period")
                        .copy(query + ".metric.stat", item + ".MetricStat.Stat")
                        .copy(query + ".metric.unit", item + ".MetricStat.Unit");
            }
        });
        mappings.add("aws:cloudwatch/dashboard:Dashboard", DIR + "dashboard.go", r ->
                r.request("cloudwatch", "PutDashboard").copy("dashboardName", "DashboardName")
                        .document("dashboardBody", "DashboardBody", new DashboardBodies()));
    }
}
