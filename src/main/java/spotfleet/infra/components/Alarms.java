package spotfleet.infra.components;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryMetricArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import spotfleet.infra.components.Metrics.DimensionValues;
import spotfleet.infra.components.Metrics.Metric;
import spotfleet.infra.config.MonitoringSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stack's alarms, each telling the alert topic when it fires and when it clears: the share of requests the
 * service answers with 5xx, targets failing health checks, a slow 99th percentile, fewer running tasks than the
 * minimum, and the {@link FleetWatch} function failing or falling silent (it alone sees Spot interruptions, so
 * nothing else would tell). Periods are one minute; each alarm's comment says why its window and missing-data rule.
 */
public final class Alarms extends ComponentResource {

    static final String ERROR_RATE = "target-5xx-rate";
    static final String UNHEALTHY_TARGETS = "unhealthy-targets";
    static final String SLOW_RESPONSES = "p99-latency";
    static final String TOO_FEW_TASKS = "too-few-tasks";
    static final String LOAD_BALANCER_ERROR_RATE = "lb-5xx-rate";
    static final String NO_HEALTHY_TARGETS = "no-healthy-targets";
    static final String FLEET_WATCH_ERRORS = "fleet-watch-errors";
    static final String FLEET_WATCH_SILENT = "fleet-watch-silent";
    /** The alarms on the service, on every stack. */
    static final List<String> SERVICE_ALARMS = List.of(ERROR_RATE, UNHEALTHY_TARGETS, SLOW_RESPONSES, TOO_FEW_TASKS,
            LOAD_BALANCER_ERROR_RATE, NO_HEALTHY_TARGETS);
    /** In the order they are declared on an EC2 stack; also the dashboard's alarm widget legend. */
    static final List<String> ALARMS = List.of(ERROR_RATE, UNHEALTHY_TARGETS, SLOW_RESPONSES, TOO_FEW_TASKS,
            LOAD_BALANCER_ERROR_RATE, NO_HEALTHY_TARGETS, FLEET_WATCH_ERRORS, FLEET_WATCH_SILENT);

    /**
     * The service's own errors (ALB-made 5xx are not in it): a hello-world service should have none, and 5% over
     * three of five minutes lets a lone error on a quiet stack pass while a bad release is caught in minutes.
     */
    static final double ERROR_RATE_PERCENT = 5;
    static final int PERIOD_SECONDS = 60;

    /**
     * What the alarms watch and whom they tell.
     *
     * @param namePrefix the stack's prefix ({@code <project>-<stack>}): alarm names are what notifications show
     * @param topicArn   the alert topic, for alarm and OK actions
     * @param dimensions this stack's load balancer, target group, cluster, service, group and fleet watch function
     * @param platform   what runs the tasks: on EC2 the {@link FleetWatch} function is watched too; Fargate has none
     * @param containerInsights the cluster reports Container Insights: the too-few-tasks alarm counts running tasks;
     *                   without, it counts the load balancer's healthy targets
     */
    public record Args(String namePrefix, Output<String> topicArn, Output<DimensionValues> dimensions, Platform platform,
                       boolean containerInsights) {
    }

    /** In the order of {@link #ALARMS}; on a stack without a fleet watch function, of {@link #SERVICE_ALARMS}. */
    @Export(name = "alarmArns", refs = {List.class, String.class}, tree = "[0,1]")
    public final Output<List<String>> alarmArns;
    /** The two 5xx alarms (the service's and the load balancer's own): what stops a Spot interruption drill. */
    public final List<Output<String>> errorRateAlarmArns;

    public Alarms(String name, MonitoringSettings settings, int serviceMinTasks, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:Alarms", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var dims = args.dimensions();

        var errorRate = alarm(name, ERROR_RATE, args, child, errorRate(Metrics.TARGET_5XX, Metrics.TARGET_REQUESTS, dims,
                "100 * FILL(errors, 0) / requests", "target 5xx, % of requests")
                .alarmDescription("More than %.0f%% of the requests forwarded to the service were answered with 5xx by the service"
                        .formatted(ERROR_RATE_PERCENT)));

        var unhealthy = alarm(name, UNHEALTHY_TARGETS, args, child, single(Metrics.UNHEALTHY_HOSTS, "Maximum", dims)
                .alarmDescription("Targets of the service have failed the load balancer's health checks for 5 minutes:"
                        + " ECS replaces a failing task within about a minute, so its replacements are failing too")
                .comparisonOperator("GreaterThanThreshold")
                .threshold(0.0)
                .evaluationPeriods(5)
                .datapointsToAlarm(5)
                .treatMissingData("notBreaching")); // no registered targets: the task count alarm covers that

        var slow = alarm(name, SLOW_RESPONSES, args, child, MetricAlarmArgs.builder()
                .alarmDescription("The service's 99th percentile response time stayed above %d ms for 5 minutes"
                        .formatted(settings.latencyP99ThresholdMs()))
                .namespace(Metrics.TARGET_RESPONSE_TIME.namespace())
                .metricName(Metrics.TARGET_RESPONSE_TIME.name())
                .dimensions(dims.applyValue(Metrics.TARGET_RESPONSE_TIME::dimensions))
                .extendedStatistic("p99")
                .period(PERIOD_SECONDS)
                .comparisonOperator("GreaterThanThreshold")
                .threshold(settings.latencyP99ThresholdMs() / 1000.0) // the metric is in seconds
                .evaluationPeriods(5)
                .datapointsToAlarm(5)
                // A p99 of a handful of requests is one slow request: too few to judge, keep the state.
                .evaluateLowSampleCountPercentiles("ignore")
                .treatMissingData("notBreaching")); // no requests, nothing slow

        // Without Container Insights nothing counts running tasks for free; the healthy targets are the tasks that serve.
        var tooFew = alarm(name, TOO_FEW_TASKS, args, child, single(args.containerInsights() ? Metrics.RUNNING_TASKS
                : Metrics.HEALTHY_HOSTS, "Maximum", dims)
                .alarmDescription(("Fewer than %d tasks (spotfleet:serviceMinTasks) have run for 10 minutes: longer than"
                        + " replacing a task, or an interrupted Spot instance and its tasks, takes").formatted(serviceMinTasks))
                .comparisonOperator("LessThanThreshold")
                .threshold((double) serviceMinTasks)
                .evaluationPeriods(10)
                .datapointsToAlarm(10)
                // Container Insights reports the service every minute, the load balancer its target group: silence means the
                // service or its metrics are gone.
                .treatMissingData("breaching"));

        // What the load balancer answers itself (502, 503, 504): a task that closed a connection under it, no target
        // to send to, a target too slow. The service's own 5xx are the alarm above; these never reach it.
        // RequestCount "is only incremented for requests where the load balancer node was able to choose a target" (ELB
        // user guide, Application Load Balancer CloudWatch metrics): the 503s of no target are not in it, so they join
        // the denominator, or no target at all would read as 0 of 0.
        var loadBalancerErrors = alarm(name, LOAD_BALANCER_ERROR_RATE, args, child, errorRate(Metrics.ELB_5XX,
                Metrics.ALB_REQUESTS, dims, "100 * FILL(errors, 0) / (FILL(requests, 0) + FILL(errors, 0))",
                "load balancer 5xx, % of requests")
                .alarmDescription("More than %.0f%% of the requests to the load balancer were answered with 5xx by the load balancer itself"
                        .formatted(ERROR_RATE_PERCENT)));

        // Nothing to serve with: every request gets a 503 from the load balancer. Two minutes, so a deploy's handover
        // (new tasks healthy before old ones go) never trips it.
        var noHealthy = alarm(name, NO_HEALTHY_TARGETS, args, child, single(Metrics.HEALTHY_HOSTS, "Minimum", dims)
                .alarmDescription("The service has had no healthy target behind the load balancer for 2 minutes: every request gets a 503")
                .comparisonOperator("LessThanThreshold")
                .threshold(1.0)
                .evaluationPeriods(2)
                .datapointsToAlarm(2)
                // the load balancer reports the count every minute while the target group is in use
                .treatMissingData("breaching"));

        var arns = new ArrayList<>(List.of(errorRate.arn(), unhealthy.arn(), slow.arn(), tooFew.arn(),
                loadBalancerErrors.arn(), noHealthy.arn()));
        switch (args.platform()) {
            case Platform.Ec2 ec2 -> arns.addAll(fleetWatchAlarms(name, args, child));
            case Platform.Fargate fargate -> {
            }
        }
        this.alarmArns = Output.all(arns);
        this.errorRateAlarmArns = List.of(errorRate.arn(), loadBalancerErrors.arn());
        registerOutputs(Map.of("alarmArns", alarmArns));
    }

    /** The function that alone sees Spot interruptions on EC2: its errors, and its silence. */
    private static List<Output<String>> fleetWatchAlarms(String name, Args args, CustomResourceOptions child) {
        var dims = args.dimensions();
        var watchErrors = alarm(name, FLEET_WATCH_ERRORS, args, child, single(Metrics.FLEET_WATCH_ERRORS, "Sum", dims)
                .alarmDescription("The fleet watch function failed in 2 of 5 minutes: Spot alerts may be lost and the"
                        + " instance counts stop; its log group says why")
                .comparisonOperator("GreaterThanThreshold")
                .threshold(0.0)
                // Lambda retries a failed run of an event after one minute, then after two more: an event that keeps
                // failing errs in 3 of 4 minutes and fires; a lone error whose retry succeeds does not.
                .evaluationPeriods(5)
                .datapointsToAlarm(2)
                .treatMissingData("notBreaching")); // no runs, no errors: the silence alarm covers that

        var watchSilent = alarm(name, FLEET_WATCH_SILENT, args, child, single(Metrics.IN_SERVICE_ON_DEMAND, "SampleCount", dims)
                .alarmDescription("The fleet watch function has published no instance counts for 5 minutes: it does not"
                        + " run or fails, and Spot alerts stop with it")
                // While it runs, every minute has a count (zeros included): only missing minutes breach. Five in a
                // row, because the schedule's runs drift within the minute and can leave one minute without a point.
                .comparisonOperator("LessThanThreshold")
                .threshold(1.0)
                .evaluationPeriods(5)
                .datapointsToAlarm(5)
                .treatMissingData("breaching"));

        return List.of(watchErrors.arn(), watchSilent.arn());
    }

    /** Names the alarm after the stack and sends both its ALARM and its OK transitions to the topic. */
    /**
     * {@code errors} as a percentage of {@code requests}, above {@link #ERROR_RATE_PERCENT} in 3 of 5 minutes. No 5xx in a
     * minute means no data point for them: counted as 0, not as missing; no requests at all: nothing failed.
     */
    private static MetricAlarmArgs.Builder errorRate(Metric errors, Metric requests, Output<DimensionValues> dims,
                                                     String expression, String label) {
        return MetricAlarmArgs.builder()
                .metricQueries(
                        query("errors", errors, "Sum", dims),
                        query("requests", requests, "Sum", dims),
                        MetricAlarmMetricQueryArgs.builder()
                                .id("rate")
                                .expression(expression)
                                .label(label)
                                .returnData(true)
                                .build())
                .comparisonOperator("GreaterThanThreshold")
                .threshold(ERROR_RATE_PERCENT)
                .evaluationPeriods(5)
                .datapointsToAlarm(3)
                .treatMissingData("notBreaching");
    }

    private static MetricAlarm alarm(String name, String alarm, Args args, CustomResourceOptions options,
                                     MetricAlarmArgs.Builder definition) {
        var topic = args.topicArn().applyValue(List::of);
        return new MetricAlarm(name + "-" + alarm, definition
                .name(args.namePrefix() + "-" + alarm)
                .alarmActions(topic)
                .okActions(topic)
                .build(), options);
    }

    /** An alarm on one metric of this stack, one-minute periods. */
    private static MetricAlarmArgs.Builder single(Metric metric, String statistic, Output<DimensionValues> dims) {
        return MetricAlarmArgs.builder()
                .namespace(metric.namespace())
                .metricName(metric.name())
                .dimensions(dims.applyValue(metric::dimensions))
                .statistic(statistic)
                .period(PERIOD_SECONDS);
    }

    private static MetricAlarmMetricQueryArgs query(String id, Metric metric, String stat, Output<DimensionValues> dims) {
        return MetricAlarmMetricQueryArgs.builder()
                .id(id)
                .returnData(false)
                .metric(MetricAlarmMetricQueryMetricArgs.builder()
                        .namespace(metric.namespace())
                        .metricName(metric.name())
                        .dimensions(dims.applyValue(metric::dimensions))
                        .stat(stat)
                        .period(PERIOD_SECONDS)
                        .build())
                .build();
    }
}
