package spotfleet.infra.components;

import spotfleet.infra.components.Metrics.DimensionValues;
import spotfleet.infra.components.Metrics.Metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The dashboard's widgets, as data: {@link Dashboard} turns them into the dashboard body for this stack's resources,
 * and the plan tool (its DashboardPicture) into the layout drawing in docs/operations.md.
 * CloudWatch lays widgets out on a grid 24 columns wide.
 */
public final class DashboardLayout {

    public static final int GRID_COLUMNS = 24;
    /** One-minute points: the ALB and ECS publish every minute, and so does {@link FleetWatch}. */
    static final int PERIOD_SECONDS = 60;

    /** One line on a graph: a metric, the statistic to draw, and its legend. */
    record Line(Metric metric, String stat, String label) {
    }

    /** A widget at {@code (x, y)} on the grid, {@code width} columns wide and {@code height} rows high. */
    public sealed interface Widget {
        String title();

        int x();

        int y();

        int width();

        int height();

        /** What the widget shows, one entry per line of its picture. */
        List<String> legend();
    }

    /** A time-series graph of {@code lines}, the y axis labelled {@code unit}. */
    record Graph(String title, String unit, int x, int y, int width, int height, List<Line> lines) implements Widget {
        @Override
        public List<String> legend() {
            return lines.stream().map(Line::label).toList();
        }
    }

    /** The current state of this stack's alarms. */
    public record AlarmStates(String title, int x, int y, int width, int height, List<String> legend) implements Widget {
    }

    /** An EC2 stack's widgets. */
    public static final List<Widget> WIDGETS = List.of(
            new Graph("Requests", "requests", 0, 0, 8, 6, List.of(
                    new Line(Metrics.ALB_REQUESTS, "Sum", "all requests"),
                    new Line(Metrics.TARGET_REQUESTS, "Sum", "to the service"))),
            new Graph("HTTP 5xx", "responses", 8, 0, 8, 6, List.of(
                    new Line(Metrics.ELB_5XX, "Sum", "from the load balancer"),
                    new Line(Metrics.TARGET_5XX, "Sum", "from the service"))),
            new Graph("Target response time", "seconds", 16, 0, 8, 6, List.of(
                    new Line(Metrics.TARGET_RESPONSE_TIME, "p50", "p50"),
                    new Line(Metrics.TARGET_RESPONSE_TIME, "p99", "p99"))),
            new Graph("Targets", "tasks", 0, 6, 8, 6, List.of(
                    new Line(Metrics.HEALTHY_HOSTS, "Minimum", "healthy"),
                    new Line(Metrics.UNHEALTHY_HOSTS, "Maximum", "unhealthy"))),
            new Graph("Service CPU and memory", "% of reserved", 8, 6, 8, 6, List.of(
                    new Line(Metrics.SERVICE_CPU, "Average", "CPU"),
                    new Line(Metrics.SERVICE_MEMORY, "Average", "memory"))),
            new Graph("Tasks", "tasks", 16, 6, 8, 6, List.of(
                    new Line(Metrics.RUNNING_TASKS, "Average", "running"),
                    new Line(Metrics.DESIRED_TASKS, "Average", "desired"))),
            new Graph("Instances in service", "instances", 0, 12, 8, 8, List.of(
                    new Line(Metrics.ON_DEMAND_GROUP_IN_SERVICE, "Maximum", "on-demand group"),
                    new Line(Metrics.IN_SERVICE_SPOT, "Maximum", "Spot"),
                    new Line(Metrics.IN_SERVICE_OTHER, "Maximum", "other purchase options"),
                    new Line(Metrics.GROUP_IN_SERVICE, "Maximum", "Spot group (Auto Scaling)"))),
            new Graph("Spot interruptions", "events", 8, 12, 8, 8, List.of(
                    new Line(Metrics.SPOT_INTERRUPTION_WARNINGS, "Sum", "interruption warnings"),
                    new Line(Metrics.REBALANCE_RECOMMENDATIONS, "Sum", "rebalance recommendations"))),
            new AlarmStates("Alarms", 16, 12, 8, 8, Alarms.ALARMS));

    /**
     * A Fargate stack's: the same first two rows, then the tasks Fargate Spot interrupted in place of the instances and
     * their Spot events, next to the alarms it has (no fleet watch function). Running tasks by capacity provider are not
     * on it: no AWS metric splits them (Container Insights counts a service's tasks, not by provider).
     */
    public static final List<Widget> FARGATE_WIDGETS = Stream.concat(
            WIDGETS.stream().filter(widget -> widget.y() < 12),
            Stream.of(
                    new Graph("Fargate Spot interruptions", "tasks", 0, 12, 16, 8, List.of(
                            new Line(Metrics.INTERRUPTED_TASKS, "Sum", "tasks given the two-minute warning"))),
                    new AlarmStates("Alarms", 16, 12, 8, 8, Alarms.SERVICE_ALARMS))).toList();

    private DashboardLayout() {
    }

    /** In place of the Tasks graph without Container Insights: the tasks the load balancer finds healthy, fewest and most. */
    static final Graph TASKS_WITHOUT_CONTAINER_INSIGHTS = new Graph("Tasks (healthy targets)", "tasks", 16, 6, 8, 6, List.of(
            new Line(Metrics.HEALTHY_HOSTS, "Minimum", "fewest healthy"),
            new Line(Metrics.HEALTHY_HOSTS, "Maximum", "most healthy")));

    /** The widgets of a stack on {@code platform}, with or without Container Insights. */
    static List<Widget> widgets(Platform platform, boolean containerInsights) {
        var widgets = switch (platform) {
            case Platform.Ec2 ec2 -> WIDGETS;
            case Platform.Fargate fargate -> FARGATE_WIDGETS;
        };
        return containerInsights ? widgets : widgets.stream()
                .map(widget -> widget.title().equals("Tasks") ? TASKS_WITHOUT_CONTAINER_INSIGHTS : widget).toList();
    }

    /** The dashboard body (CloudWatch's dashboard JSON) of {@code layout} for this stack's resources and alarms. */
    static String body(String region, DimensionValues values, List<String> alarmArns, List<Widget> layout) {
        var widgets = layout.stream().map(widget -> switch (widget) {
            case Graph graph -> widget(graph, "metric", Json.object(
                    "title", graph.title(),
                    "region", region,
                    "view", "timeSeries",
                    "stacked", false,
                    "period", PERIOD_SECONDS,
                    // A line about a resource the stack does not have (the on-demand group at onDemandTasks: 0) is left out.
                    "metrics", graph.lines().stream().filter(line -> values.covers(line.metric()))
                            .map(line -> metricArray(line, values)).toList(),
                    "yAxis", Map.of("left", Json.object("label", graph.unit(), "min", 0))));
            case AlarmStates alarms -> widget(alarms, "alarm", Json.object(
                    "title", alarms.title(),
                    "alarms", alarmArns));
        }).toList();
        return Json.of(Json.object("widgets", widgets));
    }

    private static Map<String, Object> widget(Widget widget, String type, Map<String, Object> properties) {
        return Json.object("type", type, "x", widget.x(), "y", widget.y(), "width", widget.width(), "height", widget.height(),
                "properties", properties);
    }

    /** {@code [namespace, name, dimension, value, ..., {stat, label}]}, CloudWatch's way of naming a metric in a widget. */
    private static List<Object> metricArray(Line line, DimensionValues values) {
        var array = new ArrayList<Object>(List.of(line.metric().namespace(), line.metric().name()));
        line.metric().dimensions(values).forEach((name, value) -> {
            array.add(name);
            array.add(value);
        });
        array.add(Json.object("stat", line.stat(), "label", line.label()));
        return array;
    }
}
