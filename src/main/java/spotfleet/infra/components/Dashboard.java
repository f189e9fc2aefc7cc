package spotfleet.infra.components;

import com.pulumi.aws.cloudwatch.DashboardArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import spotfleet.infra.components.Metrics.DimensionValues;

import java.util.List;
import java.util.Map;

/**
 * The stack's CloudWatch dashboard, named after the stack, laid out by {@link DashboardLayout}: traffic, errors and
 * latency at the load balancer, the service's tasks and their CPU and memory, and the instances by purchase option
 * with the Spot events that hit them (on Fargate: the tasks Fargate Spot interrupted), next to the alarms' states.
 */
public final class Dashboard extends ComponentResource {

    /**
     * What the dashboard shows.
     *
     * @param dashboardName {@code <project>-<stack>}; CloudWatch allows letters, digits, hyphens and underscores
     * @param dimensions    this stack's load balancer, target group, cluster, service, group and fleet watch function
     * @param alarmArns     the alarms whose states it shows
     * @param platform      what runs the tasks: on Fargate, interrupted tasks in place of the instances
     * @param containerInsights the cluster reports Container Insights (running and desired tasks); without, the tasks
     *                      graph shows the load balancer's healthy targets
     */
    public record Args(String dashboardName, Output<DimensionValues> dimensions, Output<List<String>> alarmArns,
                       Platform platform, boolean containerInsights) {
    }

    @Export(name = "dashboardName", refs = String.class)
    public final Output<String> dashboardName;
    /** The dashboard in the AWS console of the stack's region. */
    @Export(name = "dashboardUrl", refs = String.class)
    public final Output<String> dashboardUrl;

    public Dashboard(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:Dashboard", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var region = AwsEnvironment.region(this);

        var dashboard = new com.pulumi.aws.cloudwatch.Dashboard(name + "-cloudwatch", DashboardArgs.builder()
                .dashboardName(args.dashboardName())
                .dashboardBody(Output.tuple(region, args.dimensions(), args.alarmArns())
                        .applyValue(t -> DashboardLayout.body(t.t1, t.t2, t.t3, DashboardLayout.widgets(args.platform(), args.containerInsights()))))
                .build(), child);

        this.dashboardName = dashboard.dashboardName();
        this.dashboardUrl = Output.tuple(region, dashboard.dashboardName()).applyValue(t -> consoleUrl(t.t1, t.t2));
        registerOutputs(Map.of("dashboardName", dashboardName, "dashboardUrl", dashboardUrl));
    }

    static String consoleUrl(String region, String dashboardName) {
        return "https://%s.console.aws.amazon.com/cloudwatch/home?region=%s#dashboards:name=%s".formatted(region, region, dashboardName);
    }
}
