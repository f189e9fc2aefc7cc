package spotfleet.infra.components;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.StackSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.jsonInput;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTest {

    DeclaredStack stack;
    List<JsonObject> widgets;

    @BeforeEach
    void declare() {
        stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder().awsRegion("eu-west-1").build()));
        var body = jsonInput(stack.one(DASHBOARD, "dashboard-cloudwatch"), "dashboardBody").getAsJsonObject();
        widgets = body.getAsJsonArray("widgets").asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    @Test
    void theDashboardIsNamedAfterTheStackAndLinkedInItsRegionsConsole() {
        // given / when
        var dashboard = stack.one(DASHBOARD, "dashboard-cloudwatch");
        // then
        assertThat(input(dashboard, "dashboardName")).isEqualTo("spotfleet-dev");
        assertThat(stack.stackOutput("dashboardUrl"))
                .isEqualTo("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=spotfleet-dev");
    }

    @Test
    void everyMetricsDimensionsPointAtThisStacksResources() {
        // given the values the mock engine gave this stack's load balancer, target group, cluster, service and group
        // (the fleet watch function is on the dashboard through its alarms)
        var expected = new java.util.HashMap<>(StackDimensions.of(stack));
        expected.remove("FunctionName");
        var seen = new LinkedHashMap<String, Object>();
        // when
        var metrics = metrics();
        // then
        assertThat(metrics).hasSize(18);
        for (var metric : metrics) {
            var dimensions = dimensions(metric);
            assertThat(dimensions).as("%s", metric).isNotEmpty();
            dimensions.forEach((name, value) -> {
                if (name.equals("PurchaseOption")) {
                    assertThat(value).as("%s", metric).isIn("OnDemand", "Spot", "Other");
                } else if (label(metric).equals("on-demand group")) {
                    // the on-demand group's own count, under the dimension name the Spot group's has too
                    assertThat(value).as("%s of %s", name, metric)
                            .isEqualTo(output(stack.one(AUTO_SCALING_GROUP, "capacity-on-demand-asg"), "name"));
                } else {
                    assertThat(value).as("%s of %s", name, metric).isEqualTo(expected.get(name));
                    seen.put(name, value);
                }
            });
        }
        assertThat(seen).isEqualTo(expected); // each of the stack's resources is on the dashboard
    }

    @Test
    void itShowsWhatTheIssueAsksFor() {
        // given / when
        var shown = metrics().stream()
                .map(m -> m.get(1).getAsString() + " " + m.get(m.size() - 1).getAsJsonObject().get("stat").getAsString()
                        + (dimensions(m).containsKey("PurchaseOption") ? " " + dimensions(m).get("PurchaseOption") : ""))
                .toList();
        // then
        assertThat(shown).contains("RequestCount Sum", "HTTPCode_ELB_5XX_Count Sum", "HTTPCode_Target_5XX_Count Sum",
                "TargetResponseTime p50", "TargetResponseTime p99", "HealthyHostCount Minimum", "UnHealthyHostCount Maximum",
                "CPUUtilization Average", "MemoryUtilization Average", "RunningTaskCount Average", "DesiredTaskCount Average",
                "GroupInServiceInstances Maximum", "InServiceInstances Maximum Spot", "InServiceInstances Maximum Other");
        // the on-demand instances are their own group's, not FleetWatch's count of the Spot group
        assertThat(shown).doesNotContain("InServiceInstances Maximum OnDemand");
    }

    @Test
    void theWidgetsAreTheLayoutsInTheProvidersRegion() {
        // given / when
        var titles = widgets.stream().map(w -> w.getAsJsonObject("properties").get("title").getAsString()).toList();
        // then
        assertThat(titles).containsExactlyElementsOf(DashboardLayout.WIDGETS.stream().map(DashboardLayout.Widget::title).toList());
        assertThat(widgets).filteredOn(w -> w.get("type").getAsString().equals("metric"))
                .allSatisfy(w -> assertThat(w.getAsJsonObject("properties").get("region").getAsString()).isEqualTo("eu-west-1"));
    }

    @Test
    void theAlarmWidgetShowsThisStacksAlarms() {
        // given
        var alarmArns = stack.all(METRIC_ALARM).stream().map(a -> output(a, "arn")).toList();
        // when
        var alarmWidget = widgets.stream().filter(w -> w.get("type").getAsString().equals("alarm")).toList();
        // then
        assertThat(alarmWidget).singleElement().satisfies(w -> assertThat(
                w.getAsJsonObject("properties").getAsJsonArray("alarms").asList().stream().map(JsonElement::getAsString).toList())
                .isEqualTo(alarmArns).hasSize(8));
    }

    @Test
    void theLayoutFitsTheGridWithoutOverlaps() {
        // given
        var cells = new java.util.HashSet<String>();
        // when / then
        for (var widget : DashboardLayout.WIDGETS) {
            assertThat(widget.x() + widget.width()).as(widget.title()).isLessThanOrEqualTo(DashboardLayout.GRID_COLUMNS);
            for (int x = widget.x(); x < widget.x() + widget.width(); x++) {
                for (int y = widget.y(); y < widget.y() + widget.height(); y++) {
                    assertThat(cells.add(x + "," + y)).as("%s overlaps at %d,%d", widget.title(), x, y).isTrue();
                }
            }
        }
    }

    @Test
    void withoutAnOnDemandGroupItsLineIsLeftOutRatherThanPointedAtNoGroup() {
        // given an EC2 stack with every task on Spot (onDemandTasks: 0), so no on-demand group
        var allSpot = DeclaredStack.of(StackSettings.defaults().toBuilder().awsRegion("eu-west-1").onDemandTasks(0).build());
        var body = jsonInput(allSpot.one(DASHBOARD, "dashboard-cloudwatch"), "dashboardBody").getAsJsonObject();

        // when
        var lines = body.getAsJsonArray("widgets").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(widget -> widget.getAsJsonObject("properties").has("metrics"))
                .flatMap(widget -> widget.getAsJsonObject("properties").getAsJsonArray("metrics").asList().stream())
                .map(JsonElement::getAsJsonArray).toList();

        // then: 17 of the default stack's 18 lines, no "on-demand group" and no dimension without a value
        assertThat(lines).hasSize(17).noneMatch(line -> label(line).equals("on-demand group"))
                .allSatisfy(line -> assertThat(line.asList()).noneMatch(value -> value.isJsonPrimitive()
                        && value.getAsString().isEmpty()));
        assertThat(metrics()).anyMatch(line -> label(line).equals("on-demand group"));
    }

    private static String label(JsonArray metric) {
        var options = metric.get(metric.size() - 1).getAsJsonObject();
        return options.has("label") ? options.get("label").getAsString() : "";
    }

    /** Every metric line of every graph: {@code [namespace, name, dimension, value, ..., {stat, label}]}. */
    private List<JsonArray> metrics() {
        var metrics = new ArrayList<JsonArray>();
        widgets.stream().filter(w -> w.get("type").getAsString().equals("metric"))
                .forEach(w -> w.getAsJsonObject("properties").getAsJsonArray("metrics")
                        .forEach(m -> metrics.add(m.getAsJsonArray())));
        return metrics;
    }

    /** The dimension name/value pairs between the metric's name and its options. */
    private static Map<String, String> dimensions(JsonArray metric) {
        var dimensions = new LinkedHashMap<String, String>();
        for (int i = 2; i + 1 < metric.size(); i += 2) {
            dimensions.put(metric.get(i).getAsString(), metric.get(i + 1).getAsString());
        }
        return dimensions;
    }
}
