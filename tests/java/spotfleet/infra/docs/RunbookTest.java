package spotfleet.infra.docs;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.plan.Plan;
import spotfleet.infra.plan.Planner;
import spotfleet.infra.plan.StackFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alarm and every kind of Spot alert the committed stacks declare has a runbook entry in docs/operations.md,
 * under the logical name of the resource that raises it: {@code ### `alarms-p99-latency`} for an alarm,
 * {@code ### `spotalerts-interruptions`: EC2 Spot Instance Interruption Warning} for each event an EventBridge rule
 * matches. An entry says what it means, what to check first and what to do first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunbookTest {

    static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    static final String EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
    static final List<String> PARTS = List.of("**What it means.**", "**Check first.**", "**Do first.**");

    private final List<Plan.PlannedResource> resources = new ArrayList<>();

    @BeforeAll
    void planEveryStack() throws Exception {
        for (var stack : StackFile.stacks(Path.of("."))) {
            var plan = Planner.plan(StackFile.read(Path.of("."), stack));
            assertThat(plan.problems()).as(stack).isEmpty();
            resources.addAll(plan.resources());
        }
    }

    @Test
    void everyAlarmAndSpotAlertHasAnEntryAndEveryEntryOne() {
        // given
        var alerts = alerts(resources);
        // when
        var entries = entries(ProjectDocs.runbook()).keySet();
        // then
        assertThat(alerts).as("the stacks' alarms and Spot-alert events").isNotEmpty();
        assertThat(new TreeSet<>(entries)).as("runbook entries in %s", ProjectDocs.OPERATIONS).isEqualTo(alerts);
    }

    @Test
    void everyEntrySaysWhatItMeansWhatToCheckAndWhatToDo() {
        // given / when
        var entries = entries(ProjectDocs.runbook());
        // then
        entries.forEach((key, text) -> assertThat(text).as("runbook entry %s", key).contains(PARTS));
    }

    @Test
    void aNewAlarmWithoutAnEntryIsFound() {
        // given an alarm the runbook does not know
        var extra = new Plan.PlannedResource(ALARM, "alarms-disk-full", java.util.Optional.of("alarms"), true, Map.of(),
                List.of(), List.of(), List.of(), false, Map.of());
        var declared = new ArrayList<>(resources);
        declared.add(extra);
        // when
        var alerts = alerts(declared);
        // then
        assertThat(alerts).contains("alarms-disk-full");
        assertThat(entries(ProjectDocs.runbook())).doesNotContainKey("alarms-disk-full");
    }

    /** Each alarm by logical name; each event an event rule's pattern matches, as {@code <rule>: <detail-type>}. */
    static TreeSet<String> alerts(List<Plan.PlannedResource> resources) {
        var alerts = new TreeSet<String>();
        for (var resource : resources) {
            if (resource.type().equals(ALARM)) {
                alerts.add(resource.name());
            }
            if (resource.type().equals(EVENT_RULE) && resource.inputs().get("eventPattern") instanceof String pattern) {
                JsonParser.parseString(pattern).getAsJsonObject().getAsJsonArray("detail-type")
                        .forEach(detailType -> alerts.add(resource.name() + ": " + detailType.getAsString()));
            }
        }
        return alerts;
    }

    /** The runbook's entries by key: a {@code ###} heading's text, backticks dropped, and what follows it. */
    static Map<String, String> entries(String runbook) {
        var entries = new LinkedHashMap<String, String>();
        String key = null;
        var text = new StringBuilder();
        for (var line : runbook.split("\n")) {
            if (line.startsWith("### ")) {
                if (key != null) {
                    entries.put(key, text.toString());
                }
                key = line.substring(4).replace("`", "").strip();
                text.setLength(0);
            } else if (key != null) {
                text.append(line).append('\n');
            }
        }
        if (key != null) {
            entries.put(key, text.toString());
        }
        return entries;
    }
}
