package spotfleet.contract;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CloudWatch dashboard bodies, by "Dashboard Body Structure and Syntax" (Amazon CloudWatch API Reference,
 * docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html): a
 * {@code widgets} array of 0 to 500 widgets; each widget's type, position, size and properties; metric widgets'
 * {@code metrics} arrays in the documented forms; alarm widgets' {@code alarms}.
 */
public final class DashboardBodies implements DocumentCheck {

    static final Set<String> TOP = Set.of("widgets", "start", "end", "periodOverride", "variables");
    static final List<String> WIDGET_TYPES = List.of("metric", "text", "log", "alarm", "explorer", "custom");
    static final Set<String> WIDGET = Set.of("type", "x", "y", "width", "height", "properties");
    static final List<String> VIEWS = List.of("timeSeries", "singleValue", "gauge", "bar", "pie", "table");
    static final Set<String> METRIC_WIDGET = Set.of("accountId", "annotations", "liveData", "legend", "metrics", "period",
            "region", "setPeriodToTimeRange", "singleValueFullPrecision", "sparkline", "stacked", "stat", "table", "title",
            "view", "yAxis", "start", "end", "labels", "trend");
    static final Set<String> ALARM_WIDGET = Set.of("alarms", "sortBy", "states", "title");
    static final Set<String> RENDERING = Set.of("accountId", "color", "expression", "id", "label", "period", "region", "stat",
            "visible", "yAxis");
    /** "Valid values are SampleCount, Average, Sum, Minimum, Maximum" and percentiles such as p99 (or p99.9). */
    private static final String STAT = "SampleCount|Average|Sum|Minimum|Maximum|p(100|\\d{1,2}(\\.\\d+)?)|(tm|wm|tc|ts|pr)\\(?[\\d.:%]*\\)?|IQM";

    @Override
    public String kind() {
        return "dashboard body";
    }

    @Override
    public void check(Object document, Sink sink) {
        var k = CheckKind.DASHBOARD;
        if (!JsonRules.object(sink, k, "", document, "a dashboard body")) {
            return;
        }
        var body = (Map<?, ?>) document;
        JsonRules.keys(sink, k, "", body, TOP);
        // "The dashboard must include a widgets array, but that array can be empty."
        if (!JsonRules.required(sink, k, "", body, "widgets")) {
            return;
        }
        sink.checked(k);
        if (!(body.get("widgets") instanceof List<?> widgets) || widgets.size() > 500) {
            sink.fail("widgets", k, "widgets must be an array of 0 to 500 widgets");
            return;
        }
        for (int i = 0; i < widgets.size(); i++) {
            widget(sink, "widgets[%d]".formatted(i), widgets.get(i));
        }
    }

    private static void widget(Sink sink, String path, Object value) {
        var k = CheckKind.DASHBOARD;
        if (!JsonRules.object(sink, k, path, value, "a widget")) {
            return;
        }
        var widget = (Map<?, ?>) value;
        JsonRules.keys(sink, k, path, widget, WIDGET);
        if (JsonRules.required(sink, k, path, widget, "type")) {
            JsonRules.oneOf(sink, k, path + ".type", widget.get("type"), WIDGET_TYPES);
        }
        // x: 0-23 in the 24-column grid; width 1-24; height 1-1000; y from 0.
        if (widget.containsKey("x")) {
            JsonRules.wholeNumber(sink, k, path + ".x", widget.get("x"), 0, 23);
        }
        if (widget.containsKey("y")) {
            JsonRules.wholeNumber(sink, k, path + ".y", widget.get("y"), 0, Integer.MAX_VALUE);
        }
        if (widget.containsKey("width")) {
            JsonRules.wholeNumber(sink, k, path + ".width", widget.get("width"), 1, 24);
        }
        if (widget.containsKey("height")) {
            JsonRules.wholeNumber(sink, k, path + ".height", widget.get("height"), 1, 1000);
        }
        if (widget.get("x") instanceof Number x && widget.get("width") instanceof Number width) {
            sink.checked(k);
            if (x.intValue() + width.intValue() > 24) {
                sink.fail(path, k, "x %d + width %d runs past the 24-column grid".formatted(x.intValue(), width.intValue()));
            }
        }
        if (!JsonRules.required(sink, k, path, widget, "properties")
                || !JsonRules.object(sink, k, path + ".properties", widget.get("properties"), "a widget's properties")) {
            return;
        }
        var properties = (Map<?, ?>) widget.get("properties");
        switch (String.valueOf(widget.get("type"))) {
            case "metric" -> metricWidget(sink, path + ".properties", properties);
            case "alarm" -> alarmWidget(sink, path + ".properties", properties);
            case "text" -> JsonRules.required(sink, k, path + ".properties", properties, "markdown");
            default -> { }
        }
    }

    private static void metricWidget(Sink sink, String path, Map<?, ?> properties) {
        var k = CheckKind.DASHBOARD;
        JsonRules.keys(sink, k, path, properties, METRIC_WIDGET);
        // region: "Required: Yes" for a metric widget.
        JsonRules.required(sink, k, path, properties, "region");
        if (properties.containsKey("view")) {
            JsonRules.oneOf(sink, k, path + ".view", properties.get("view"), VIEWS);
        }
        if (properties.containsKey("period")) {
            period(sink, path + ".period", properties.get("period"));
        }
        if (properties.containsKey("stat")) {
            stat(sink, path + ".stat", properties.get("stat"));
        }
        if (JsonRules.required(sink, k, path, properties, "metrics")) {
            sink.checked(k);
            if (!(properties.get("metrics") instanceof List<?> metrics) || metrics.isEmpty()) {
                sink.fail(path + ".metrics", k, "metrics must be a non-empty array of metric arrays");
                return;
            }
            for (int i = 0; i < metrics.size(); i++) {
                metric(sink, "%s.metrics[%d]".formatted(path, i), metrics.get(i));
            }
        }
    }

    /**
     * One metric: {@code [Namespace, MetricName, {DimensionName, DimensionValue}..., {rendering properties}]}, "."
     * repeating the item above; or {@code [{expression, ...}]} for math and search expressions.
     */
    private static void metric(Sink sink, String path, Object value) {
        var k = CheckKind.DASHBOARD;
        sink.checked(k);
        if (!(value instanceof List<?> items) || items.isEmpty()) {
            sink.fail(path, k, "a metric is a non-empty array");
            return;
        }
        var last = items.getLast();
        var rendering = last instanceof Map<?, ?> map ? map : null;
        var names = rendering == null ? items : items.subList(0, items.size() - 1);
        if (rendering != null) {
            JsonRules.keys(sink, k, path + "[%d]".formatted(items.size() - 1), rendering, RENDERING);
            if (rendering.containsKey("stat")) {
                stat(sink, path + "[%d].stat".formatted(items.size() - 1), rendering.get("stat"));
            }
            if (rendering.containsKey("period")) {
                period(sink, path + "[%d].period".formatted(items.size() - 1), rendering.get("period"));
            }
        }
        sink.checked(k);
        if (names.isEmpty()) {
            if (rendering == null || !rendering.containsKey("expression")) {
                sink.fail(path, k, "a metric without namespace and name must be an expression ({\"expression\": ...})");
            }
            return;
        }
        // Namespace, name, then name/value pairs: an even count of strings, at most 30 dimensions.
        if (names.size() % 2 != 0 || names.size() < 2 || names.size() > 2 + 2 * 30
                || !names.stream().allMatch(item -> item instanceof String)) {
            sink.fail(path, k, "expected [Namespace, MetricName, DimensionName, DimensionValue, ...] (strings; at most 30 "
                    + "dimensions), then one rendering object, not %s".formatted(items));
        }
    }

    private static void alarmWidget(Sink sink, String path, Map<?, ?> properties) {
        var k = CheckKind.DASHBOARD;
        JsonRules.keys(sink, k, path, properties, ALARM_WIDGET);
        // alarms: "An array of alarm ARNs to include in the widget. The array can have 1-100 ARNs." Required.
        if (JsonRules.required(sink, k, path, properties, "alarms")) {
            sink.checked(k);
            if (!(properties.get("alarms") instanceof List<?> alarms) || alarms.isEmpty() || alarms.size() > 100) {
                sink.fail(path + ".alarms", k, "alarms must be an array of 1 to 100 alarm ARNs");
                return;
            }
            alarms.forEach(alarm -> {
                sink.checked(k);
                if (!sink.computed(alarm) && !String.valueOf(alarm).matches("arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\\d{12}:alarm:.+")) {
                    sink.fail(path + ".alarms", k, "\"%s\" is not an alarm ARN".formatted(alarm));
                }
            });
        }
    }

    /** "The period ... 1, 5, 10, 30, or any multiple of 60" seconds; the default is 300. */
    private static void period(Sink sink, String path, Object value) {
        sink.checked(CheckKind.DASHBOARD);
        var ok = value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && (List.of(1L, 5L, 10L, 30L).contains(n.longValue()) || n.longValue() > 0 && n.longValue() % 60 == 0);
        if (!ok) {
            sink.fail(path, CheckKind.DASHBOARD, "%s is not a period of 1, 5, 10, 30 or a multiple of 60 seconds"
                    .formatted(DocumentedConstraints.quoted(value)));
        }
    }

    private static void stat(Sink sink, String path, Object value) {
        sink.checked(CheckKind.DASHBOARD);
        if (!String.valueOf(value).matches(STAT)) {
            sink.fail(path, CheckKind.DASHBOARD, "\"%s\" is not a statistic (SampleCount, Average, Sum, Minimum, Maximum, pNN)".formatted(value));
        }
    }
}
