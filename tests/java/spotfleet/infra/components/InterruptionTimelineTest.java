package spotfleet.infra.components;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.config.InstanceCatalog;
import spotfleet.infra.config.InstanceType;
import spotfleet.infra.config.ServiceSettings;
import spotfleet.infra.plan.Plan;
import spotfleet.infra.plan.Planner;
import spotfleet.infra.plan.StackFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spot interruption of one instance, second by second, for each committed EC2 stack at rest and at peak, derived
 * from what its plan declares (the target group's deregistration delay and health check, the container's stop timeout
 * and size, the service's minimum healthy percent and on-demand base, the scaling bounds, the Spot provider's target and
 * step, the group's size, types and AZs) and AWS's behaviour as docs/interruption-timeline.md quotes it. The doc's tables
 * are this test's output for dev and prod ({@code -Dtimeline.update=true} rewrites them), and the test fails when, at peak,
 * an interrupted instance's tasks cannot stop inside the notice, or their replacements cannot be healthy before it ends,
 * for every EC2 stack file in the project: a team's own {@code Pulumi.<stack>.yaml} is held to the same budget.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterruptionTimelineTest {

    static final Path DOC = Path.of("docs/interruption-timeline.md");
    static final String BEGIN = "<!-- InterruptionTimelineTest writes what follows, up to the end marker: do not edit by hand -->";
    static final String END = "<!-- end of InterruptionTimelineTest's output -->";
    /** The stacks the doc shows. */
    static final List<String> DOC_STACKS = List.of("dev", "prod");

    /** The container starts and the JVM answers its health check: an allowance (docs/performance.md measures the start). */
    static final int APP_START_SECONDS = 10;
    /**
     * From tasks waiting for room to the Spot group's scale-out: ECS publishes CapacityProviderReservation once a minute
     * and its target tracking policy acts on it; an allowance of two of those minutes, not a measurement.
     */
    static final int SCALE_OUT_REACTION_SECONDS = 120;

    private final Map<String, Plan> plans = new LinkedHashMap<>();

    @BeforeAll
    void planTheEc2Stacks() throws Exception {
        for (var stack : StackFile.stacks(Path.of("."))) {
            var plan = Planner.plan(StackFile.read(Path.of("."), stack));
            assertThat(plan.problems()).as(stack).isEmpty();
            if (plan.resources().stream().anyMatch(r -> r.name().equals("capacity-provider"))) {
                plans.put(stack, plan);
            }
        }
        assertThat(plans).containsKeys(DOC_STACKS.toArray(String[]::new));
    }

    @Test
    void atPeakAnInterruptedInstancesTasksStopAndAreReplacedInsideTheNotice() {
        // given / when
        var peaks = plans.values().stream().map(plan -> Fleet.of(plan).interruption(Load.PEAK)).toList();
        // then
        assertThat(peaks).allSatisfy(peak -> {
            assertThat(peak.stopsAtOnce()).as("%s: the scheduler may stop the instance's %d tasks without waiting", peak.stack(),
                    peak.lostTasks()).isTrue();
            assertThat(peak.stoppedAt()).as("%s: the last task stopped (s)", peak.stack())
                    .isLessThanOrEqualTo(ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS);
            assertThat(peak.onExistingRoom()).as("%s: room for the replacements on running Spot instances", peak.stack()).isTrue();
            assertThat(peak.healthyAt()).as("%s: replacements healthy (s)", peak.stack())
                    .isLessThanOrEqualTo(ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS);
        });
    }

    @Test
    void withoutTheSpareInstanceTheBudgetFailsAtPeak() {
        // given prod's fleet as if capacityTargetPercent were 100: ECS keeps no spare instance
        var fleet = Fleet.of(plans.get("prod"));
        var full = new Fleet(fleet.stack(), fleet.minTasks(), fleet.maxTasks(), fleet.onDemandTasks(), fleet.minHealthyPercent(),
                fleet.tasksPerInstance(), fleet.mostTasksPerInstance(), fleet.azs(), 100, fleet.minInstances(),
                fleet.maxInstances(), fleet.scalingStep(),
                fleet.warmup(), fleet.deregistration(), fleet.stopTimeout(), fleet.healthCheck());
        // when
        var peak = full.interruption(Load.PEAK);
        // then: the replacements wait for a new instance, well past the notice
        assertThat(peak.onExistingRoom()).isFalse();
        assertThat(peak.healthyAt()).isGreaterThan(ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS);
    }

    @Test
    void theDocShowsThisTimeline() throws Exception {
        // given
        var text = Files.readString(DOC);
        var generated = render();
        // when
        if (Boolean.getBoolean("timeline.update")) {
            text = text.substring(0, text.indexOf(BEGIN) + BEGIN.length()) + "\n" + generated + text.substring(text.indexOf(END));
            Files.writeString(DOC, text);
        }
        // then
        assertThat(text).contains(BEGIN, END);
        assertThat(text.substring(text.indexOf(BEGIN) + BEGIN.length() + 1, text.indexOf(END))).isEqualTo(generated);
    }

    private String render() {
        var out = new StringBuilder();
        for (var stack : DOC_STACKS) {
            var fleet = Fleet.of(plans.get(stack));
            out.append("### `%s`\n\n".formatted(stack));
            out.append(("%d to %d tasks, %d of them on on-demand instances; %d to %d tasks per Spot instance (the smallest and the"
                    + " largest listed type); %d AZs; Spot target %d%%, %d to %d Spot instances, scale-out step %d.\n\n")
                    .formatted(fleet.minTasks(), fleet.maxTasks(), fleet.onDemandTasks(), fleet.tasksPerInstance(),
                            fleet.mostTasksPerInstance(), fleet.azs(), fleet.target(),
                            fleet.minInstances(), fleet.maxInstances(), fleet.scalingStep()));
            out.append("| second | at rest | at peak |\n|---|---|---|\n");
            var rest = fleet.interruption(Load.REST);
            var peak = fleet.interruption(Load.PEAK);
            for (var row : rows(fleet, rest, peak)) {
                out.append(row).append('\n');
            }
            var wave = fleet.wave();
            out.append(("\nBetween SIGTERM (%d s) and the replacements' health (%d s at peak) the service runs %d of its %d tasks at"
                    + " peak, %d of %d at rest.\n").formatted(fleet.drainingAt() + fleet.deregistration(), peak.healthyAt(),
                    peak.desired() - peak.lostTasks(), peak.desired(), rest.desired() - rest.lostTasks(), rest.desired()));
            out.append(("\nA wave that takes a third of the Spot instances at peak (%d of %d, %d tasks): %d find room on the others"
                    + " and are healthy at %d s; %s.\n\n").formatted(wave.instances(), peak.spotInstances(), wave.lostTasks(),
                    wave.placedAtOnce(), peak.replacedOnRoomAt(), wave.waiting() == 0 ? "none waits for a new instance"
                            : ("%d wait for new instances: %d scale-out %s of exactly %d (ECS launches the step, whatever the"
                            + " demand), healthy at about %d s").formatted(wave.waiting(), wave.rounds(),
                            wave.rounds() == 1 ? "step" : "steps", fleet.scalingStep(), wave.recoveredAt())));
        }
        return out.toString();
    }

    private static List<String> rows(Fleet fleet, Interruption rest, Interruption peak) {
        var rows = new ArrayList<String>();
        rows.add("| 0 | the two-minute notice for one Spot instance (%d of %d at rest, %d of %d at peak) | |".formatted(
                rest.spotTasks() == 0 ? 0 : rest.lostTasks(), rest.desired(), peak.lostTasks(), peak.desired()));
        rows.add("| %d | the agent sees it (1 s poll) and sets the instance DRAINING | same |".formatted(
                ServiceSettings.AGENT_NOTICE_POLL_SECONDS));
        rows.add("| %d | the scheduler acts (allowance): %s | %s |".formatted(fleet.drainingAt(), stopText(rest), stopText(peak)));
        rows.add("| %d | deregistration delay over: SIGTERM; the app answers 503 on /healthcheck for 3 s, then closes | same |"
                .formatted(fleet.drainingAt() + fleet.deregistration()));
        rows.add("| %d | stop timeout: SIGKILL, if the app has not exited (it exits 2 s before) | same |".formatted(rest.stoppedAt()));
        rows.add("| %s | replacements healthy: %s | %s |".formatted(rest.healthyAt() == peak.healthyAt() ? String.valueOf(peak.healthyAt())
                : rest.healthyAt() + " / " + peak.healthyAt(), whereText(rest), whereText(peak)));
        rows.add("| 120 | EC2 reclaims the instance | same |");
        return rows;
    }

    private static String stopText(Interruption interruption) {
        if (interruption.lostTasks() == 0) {
            return "no task on the instance";
        }
        return interruption.stopsAtOnce()
                ? "deregisters its %d %s (minimum healthy %d%% of %d allows it) and starts the replacements"
                .formatted(interruption.lostTasks(), interruption.lostTasks() == 1 ? "task" : "tasks",
                        interruption.minHealthyPercent(), interruption.desired())
                : "waits for replacements before it stops any task";
    }

    private static String whereText(Interruption interruption) {
        if (interruption.lostTasks() == 0) {
            return "nothing to replace";
        }
        return interruption.onExistingRoom()
                ? "on the %d other running Spot %s (pull, start, %d health checks)".formatted(interruption.spotInstances() - 1,
                interruption.spotInstances() == 2 ? "instance" : "instances", interruption.fleet().healthCheck().threshold())
                : "on a new instance (scale-out, boot and join, pull, start, health checks): %d s".formatted(interruption.healthyAt());
    }

    enum Load { REST, PEAK }

    /** The target group's health check: passes needed, seconds apart. */
    record HealthCheck(int threshold, int interval) {
        int seconds() {
            return threshold * interval;
        }
    }

    /**
     * What the plan declares for the Spot fleet and the service on it.
     *
     * @param tasksPerInstance     tasks the smallest listed type holds: the room an instance is sure to offer
     * @param mostTasksPerInstance tasks the largest listed type holds: the most one interruption can take
     */
    record Fleet(String stack, int minTasks, int maxTasks, int onDemandTasks, int minHealthyPercent, int tasksPerInstance,
                 int mostTasksPerInstance, int azs, int target, int minInstances, int maxInstances, int scalingStep, int warmup,
                 int deregistration, int stopTimeout, HealthCheck healthCheck) {

        static Fleet of(Plan plan) {
            var service = one(plan, "web-service");
            var scaling = one(plan, "web-scaling-target");
            var group = one(plan, "capacity-asg");
            var provider = one(plan, "capacity-provider");
            var targetGroup = one(plan, "web-tg");
            var container = JsonParser.parseString(String.valueOf(one(plan, "web-task").inputs().get("containerDefinitions")))
                    .getAsJsonArray().get(0).getAsJsonObject();
            var base = ((List<?>) value(service, "capacityProviderStrategies")).stream().map(item -> (Map<?, ?>) item)
                    .filter(item -> item.containsKey("base")).mapToInt(item -> number(item.get("base"))).sum();
            var types = ((List<?>) value(group, "mixedInstancesPolicy.launchTemplate.overrides")).stream()
                    .map(item -> String.valueOf(((Map<?, ?>) item).get("instanceType"))).toList();
            var perInstance = types.stream().map(name -> InstanceCatalog.lookup(InstanceType.parse(name).orElseThrow()).orElseThrow())
                    .mapToInt(size -> Math.min(size.taskMemoryMib() / container.get("memory").getAsInt(),
                            size.cpuUnits() / container.get("cpu").getAsInt()))
                    .summaryStatistics();
            return new Fleet(plan.stack(), number(value(scaling, "minCapacity")), number(value(scaling, "maxCapacity")), base,
                    number(value(service, "deploymentMinimumHealthyPercent")), perInstance.getMin(), perInstance.getMax(),
                    ((List<?>) value(group, "vpcZoneIdentifiers")).size(),
                    number(value(provider, "autoScalingGroupProvider.managedScaling.targetCapacity")),
                    number(value(group, "minSize")), number(value(group, "maxSize")),
                    number(value(provider, "autoScalingGroupProvider.managedScaling.minimumScalingStepSize")),
                    number(value(provider, "autoScalingGroupProvider.managedScaling.instanceWarmupPeriod")),
                    number(value(targetGroup, "deregistrationDelay")), container.get("stopTimeout").getAsInt(),
                    new HealthCheck(number(value(targetGroup, "healthCheck.healthyThreshold")),
                            number(value(targetGroup, "healthCheck.interval"))));
        }

        int drainingAt() {
            return ServiceSettings.AGENT_NOTICE_POLL_SECONDS + ServiceSettings.SCHEDULER_REACTION_SECONDS;
        }

        /** Spot tasks in each AZ, spread as evenly as ECS's AZ spread places them. */
        List<Integer> tasksByAz(int spotTasks) {
            var byAz = new ArrayList<Integer>();
            for (int az = 0; az < azs; az++) {
                byAz.add(spotTasks / azs + (az < spotTasks % azs ? 1 : 0));
            }
            return byAz;
        }

        /** Instances the Spot tasks need, packed by memory within each AZ: ECS managed scaling's M. */
        int needed(int spotTasks) {
            return tasksByAz(spotTasks).stream().mapToInt(tasks -> (tasks + tasksPerInstance - 1) / tasksPerInstance).sum();
        }

        /** Instances ECS keeps so that M / N stays at or below the target: N = ceil(M x 100 / target), within the group's size. */
        int running(int spotTasks) {
            var needed = needed(spotTasks);
            return Math.min(maxInstances, Math.max(minInstances, (needed * 100 + target - 1) / target));
        }

        Interruption interruption(Load load) {
            var desired = load == Load.REST ? minTasks : maxTasks;
            var spotTasks = Math.max(0, desired - onDemandTasks);
            // packed by memory within an AZ, the interrupted instance may be the largest type, full
            var lost = Math.min(mostTasksPerInstance, tasksByAz(spotTasks).stream().mapToInt(Integer::intValue).max().orElse(0));
            return new Interruption(this, desired, spotTasks, lost, running(spotTasks));
        }

        /** A third of the Spot instances at peak, at once. */
        Wave wave() {
            var peak = interruption(Load.PEAK);
            var instances = (peak.spotInstances() + 2) / 3;
            // each instance holds at most what one interruption takes (the largest type, within its AZ's share)
            var lost = Math.min(peak.spotTasks(), instances * peak.lostTasks());
            var room = (peak.spotInstances() - instances) * tasksPerInstance - (peak.spotTasks() - lost);
            var placed = Math.max(0, Math.min(lost, room));
            var waiting = lost - placed;
            var needed = (waiting + tasksPerInstance - 1) / tasksPerInstance;
            // exactly one step per scale-out, and the next only once the last has warmed up
            var rounds = (needed + scalingStep - 1) / scalingStep;
            var recovered = drainingAt() + rounds * (SCALE_OUT_REACTION_SECONDS + warmup) + RolloutTimeout.IMAGE_PULL_SECONDS
                    + APP_START_SECONDS + healthCheck.seconds();
            return new Wave(instances, lost, placed, waiting, rounds, recovered);
        }
    }

    record Interruption(Fleet fleet, int desired, int spotTasks, int lostTasks, int spotInstances) {
        String stack() {
            return fleet.stack();
        }

        int minHealthyPercent() {
            return fleet.minHealthyPercent();
        }

        /** The scheduler may stop them all without replacements first: what stays is at least the minimum healthy. */
        boolean stopsAtOnce() {
            return (desired - lostTasks) * 100 >= desired * fleet.minHealthyPercent();
        }

        int stoppedAt() {
            return fleet.drainingAt() + fleet.deregistration() + fleet.stopTimeout();
        }

        /** The other running Spot instances have room for every task the interrupted one held. */
        boolean onExistingRoom() {
            return (spotInstances - 1) * fleet.tasksPerInstance() - (spotTasks - lostTasks) >= lostTasks;
        }

        int replacedOnRoomAt() {
            return fleet.drainingAt() + RolloutTimeout.IMAGE_PULL_SECONDS + APP_START_SECONDS + fleet.healthCheck().seconds();
        }

        int healthyAt() {
            return onExistingRoom() ? replacedOnRoomAt() : fleet.drainingAt() + SCALE_OUT_REACTION_SECONDS + fleet.warmup()
                    + RolloutTimeout.IMAGE_PULL_SECONDS + APP_START_SECONDS + fleet.healthCheck().seconds();
        }
    }

    record Wave(int instances, int lostTasks, int placedAtOnce, int waiting, int rounds, int recoveredAt) {
    }

    private static Plan.PlannedResource one(Plan plan, String name) {
        return plan.resources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() ->
                new AssertionError("%s declares no %s".formatted(plan.stack(), name)));
    }

    private static Object value(Plan.PlannedResource resource, String path) {
        Object at = resource.inputs();
        for (var key : path.split("\\.")) {
            at = ((Map<?, ?>) at).get(key);
        }
        return at;
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
    }
}
