package spotfleet.contract;

import java.util.List;

import static spotfleet.contract.DocumentedConstraints.constraint;
import static spotfleet.contract.DocumentedConstraints.matches;
import static spotfleet.contract.DocumentedConstraints.oneOf;
import static spotfleet.contract.DocumentedConstraints.oneOfOrAllowed;

/**
 * CloudWatch's and CloudWatch Logs' documented-only constraints, quoted from
 * botocore/data/cloudwatch/2010-08-01/service-2.json and botocore/data/logs/2014-03-28/service-2.json: Debian's 1.29
 * wording, then botocore 1.43's where AWS reworded or widened the rule (the rules take the newer, wider values).
 */
final class CloudWatchConstraints {

    /** The retention periods the documentation lists (1096 is among them since botocore 1.29's text, not in it). */
    static final List<Long> RETENTION_DAYS = List.of(1L, 3L, 5L, 7L, 14L, 30L, 60L, 90L, 120L, 150L, 180L, 365L, 400L,
            545L, 731L, 1096L, 1827L, 2192L, 2557L, 2922L, 3288L, 3653L);

    private CloudWatchConstraints() {
    }

    static List<DocumentedConstraint> all() {
        return List.of(
                constraint("logs", "PutRetentionPolicyRequest", "retentionInDays",
                        List.of("Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 2192, "
                                        + "2557, 2922, 3288, and 3653.",
                                "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, "
                                        + "2192, 2557, 2922, 3288, and 3653."),
                        oneOfOrAllowed(RETENTION_DAYS, "logs", "Days")),
                constraint("cloudwatch", "PutMetricAlarmInput", "Period", List.of("Valid values are 10, 30, and any multiple of 60.",
                        "Valid values are 10, 20, 30, and any multiple of 60."), CloudWatchConstraints::alarmPeriod),
                constraint("cloudwatch", "MetricStat", "Period", List.of(
                        "For high-resolution metrics that are collected at intervals of less than one minute, the period can "
                                + "be 1, 5, 10, 30, 60, or any multiple of 60.",
                        "For high-resolution metrics that are collected at intervals of less than one minute, the period can "
                                + "be 1, 5, 10, 20, 30, 60, or any multiple of 60."), CloudWatchConstraints::metricPeriod),
                constraint("cloudwatch", "PutMetricAlarmInput", "TreatMissingData",
                        "Valid Values: breaching | notBreaching | ignore | missing",
                        oneOf(List.of("breaching", "notBreaching", "ignore", "missing"))),
                constraint("cloudwatch", "PutMetricAlarmInput", "EvaluateLowSampleCountPercentile",
                        "Valid Values: evaluate | ignore", oneOf(List.of("evaluate", "ignore"))),
                // 1.43 lists forms ("p90 tm90 tc90 ts90 wm90 IQM PR(n:m) ..."); the percentile form is the one checked.
                constraint("cloudwatch", "PutMetricAlarmInput", "ExtendedStatistic", List.of("Specify a value between p0.0 and p100.",
                        "If you specify ExtendedStatistic , the following are valid values: p90"), CloudWatchConstraints::percentile),
                constraint("cloudwatch", "MetricDataQuery", "Id",
                        "The valid characters are letters, numbers, and underscore. The first character must be a lowercase letter.",
                        matches("[a-z][A-Za-z0-9_]*", "letters, numbers and underscores, starting with a lowercase letter")),
                constraint("cloudwatch", "PutDashboardInput", "DashboardName",
                        "The maximum length is 255, and valid characters are A-Z, a-z, 0-9, \"-\", and \"_\".",
                        matches("[A-Za-z0-9_-]{1,255}", "at most 255 of A-Z, a-z, 0-9, \"-\" and \"_\"")));
    }

    private static List<Violation> alarmPeriod(Object value) {
        return value instanceof Number n && (List.of(10L, 20L, 30L).contains(n.longValue()) || n.longValue() % 60 == 0) && n.longValue() > 0
                && n.doubleValue() == Math.rint(n.doubleValue()) ? List.of()
                : Violation.of("%s is not 10, 20, 30 or a multiple of 60 seconds".formatted(DocumentedConstraints.quoted(value)));
    }

    private static List<Violation> metricPeriod(Object value) {
        return value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() > 0
                && (List.of(1L, 5L, 10L, 20L, 30L).contains(n.longValue()) || n.longValue() % 60 == 0) ? List.of()
                : Violation.of("%s is not 1, 5, 10, 20, 30 or a multiple of 60 seconds".formatted(DocumentedConstraints.quoted(value)));
    }

    private static List<Violation> percentile(Object value) {
        var text = String.valueOf(value);
        if (text.matches("p(100(\\.0+)?|[0-9]{1,2}(\\.[0-9]+)?)")) {
            return List.of();
        }
        return Violation.of("\"%s\" is not a percentile from p0.0 to p100".formatted(text));
    }
}
