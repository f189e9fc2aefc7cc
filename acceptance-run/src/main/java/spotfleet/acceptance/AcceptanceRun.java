package spotfleet.acceptance;

import com.pulumi.automation.WorkspaceStack;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One acceptance run, in order: create the stack, {@code up}, wait until its URL serves, steady load (baseline), the
 * FIS interruption until the service is back at its desired count, a rolling deploy (a new environment variable, so a
 * new task definition) until steady, then the load balancer's own counts, the verdict and the report. The stack is
 * destroyed and removed in {@code finally}, and by a shutdown hook on Ctrl-C or SIGTERM; a failure at any step ends
 * the run there (exit 3) and still destroys.
 */
final class AcceptanceRun {

    static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final Duration POLL = Duration.ofSeconds(5);
    static final Duration SERVING_TIMEOUT = Duration.ofMinutes(10);
    static final Duration EXPERIMENT_TIMEOUT = Duration.ofMinutes(10);
    static final Duration COOL_DOWN = Duration.ofMinutes(1);
    static final String HEAL = "time to heal (notice to steady)";
    static final String ROLLOUT = "rollout time (deploy start to steady)";
    /**
     * The allowances of docs/interruption-timeline.md this run does not measure, each with what would measure it (the
     * fields of botocore's ecs and autoscaling models). Reported as not measured, never estimated.
     */
    static final List<Map.Entry<String, String>> NOT_MEASURED = List.of(
            Map.entry("scheduler reaction (notice to the interrupted tasks stopping)",
                    "not measured: needs the interrupted instance's tasks' stoppingAt (ECS DescribeTasks), which this run does not read"),
            Map.entry("image pull", "not measured: needs the replacement tasks' pullStartedAt and pullStoppedAt (ECS DescribeTasks)"),
            Map.entry("app start", "not measured: needs the replacement tasks' startedAt and their targets turning healthy"
                    + " (ELB DescribeTargetHealth)"),
            Map.entry("scale-out reaction", "not measured: needs the Spot group's scaling activity StartTime"
                    + " (EC2 Auto Scaling DescribeScalingActivities)"),
            Map.entry("instance boot", "not measured: needs that activity's EndTime and the new container instance's registeredAt"
                    + " (ECS DescribeContainerInstances)"));

    private final Options options;
    private final Path project;
    private final Stacks stacks;
    private final AwsCalls aws;
    private final Clock clock;
    private final PrintStream out;
    private final Duration poll;
    private final Timeline timeline;
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private volatile boolean destroyFailed;
    private String stackName;

    AcceptanceRun(Options options, Path project, Stacks stacks, AwsCalls aws, Clock clock, PrintStream out, Duration poll) {
        this.options = options;
        this.project = project;
        this.stacks = stacks;
        this.aws = aws;
        this.clock = clock;
        this.out = out;
        this.poll = poll;
        this.timeline = new Timeline(clock);
    }

    static String uniqueName(Instant now) {
        return Stacks.PREFIX + NAME_TIME.format(now).toLowerCase() + "-%06x".formatted(ThreadLocalRandom.current().nextInt(1 << 24));
    }

    /** Runs the whole thing; the exit status (0 held, 1 did not hold, 3 could not finish). */
    int execute() {
        stackName = uniqueName(clock.instant());
        // Before anything exists: a CI step that runs after a cancelled run finds the name here (--janitor --stack).
        try {
            Files.createDirectories(Path.of(options.reportDirectory()));
            Files.writeString(Path.of(options.reportDirectory(), "stack"), stackName + "\n");
        } catch (java.io.IOException e) {
            out.println("./acceptance: cannot write %s/stack (%s): not starting".formatted(options.reportDirectory(), e.getMessage()));
            return 3;
        }
        var hook = Thread.ofPlatform().unstarted(() -> {
            out.println("interrupted: destroying " + stackName);
            cleanUp();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        LoadGenerator load = null;
        List<RequestRecord> requests = List.of();
        var counts = new LinkedHashMap<String, Double>();
        var allowances = new LinkedHashMap<String, String>();
        String failure = null;
        try {
            var stack = step("create stack " + stackName, () -> stacks.create(stackName, options.region(), clock.instant()));
            var outputs = step("pulumi up", () -> stacks.up(stack));
            var url = URI.create(required(outputs, "url"));
            var templateId = required(outputs, "spotInterruptionExperimentTemplateId");
            var cluster = required(outputs, "clusterName");
            var service = required(outputs, "serviceName");
            step("wait until " + url + " serves", () -> {
                awaitServing(url);
                return null;
            });

            load = new LoadGenerator(url, options.requestsPerSecond(), clock);
            timeline.phase("baseline");
            timeline.mark("load started (%d req/s)".formatted(options.requestsPerSecond()));
            sleep(options.baseline());

            timeline.phase("interruption");
            var experimentId = step("start the FIS experiment", () -> aws.startExperiment(templateId, stackName));
            timeline.mark("FIS experiment started");
            var experiment = step("wait for the experiment", () -> awaitExperiment(experimentId));
            experiment.actionStart().ifPresent(t -> timeline.mark("notice sent (FIS action started)", t.toEpochMilli()));
            experiment.actionEnd().ifPresent(t -> timeline.mark("FIS action ended", t.toEpochMilli()));
            timeline.mark("experiment " + experiment.status());
            if (!experiment.status().equals("completed")) {
                throw new StepFailed("the FIS experiment ended %s: %s (a stop condition fired, or FIS could not act)"
                        .formatted(experiment.status(), experiment.reason()));
            }
            var healed = step("wait until the service is back at its desired count", () -> awaitSteady(cluster, service, options.healTimeout()));
            timeline.mark("service steady again (healed)", healed);
            var notice = experiment.actionStart().map(Instant::toEpochMilli);
            notice.ifPresentOrElse(n -> allowances.put(HEAL, "%.0f s".formatted((healed - n) / 1000.0)),
                    () -> allowances.put(HEAL, "not measured: FIS reported no start time for its action"));

            timeline.phase("rolling deploy");
            step("change the task definition", () -> {
                stacks.setConfig(stack, "spotfleet:environment", "[\"ACCEPTANCE_ROLLOUT=%d\"]".formatted(clock.millis()));
                return null;
            });
            var deployStart = timeline.mark("deploy started");
            step("pulumi up (rolling deploy)", () -> stacks.up(stack));
            var deployed = step("wait for the rollout", () -> awaitSteady(cluster, service, options.rolloutTimeout()));
            timeline.mark("rollout complete", deployed);
            allowances.put(ROLLOUT, "%.0f s".formatted((deployed - deployStart) / 1000.0));

            timeline.phase("after");
            sleep(options.coolDown());
            timeline.endPhase(clock.millis());
            requests = load.stop();
            load = null;
            var loadBalancer = outputs.get("loadBalancerArnSuffix");
            if (loadBalancer != null && !requests.isEmpty()) {
                var from = Instant.ofEpochMilli(requests.getFirst().sentAtMillis());
                var to = Instant.ofEpochMilli(requests.getLast().sentAtMillis()).plusSeconds(60);
                // The client's record is the verdict; the load balancer's counts stand beside it, so a failure to read them
                // is reported, not fatal.
                out.println("== read the load balancer's counts");
                try {
                    counts.putAll(aws.loadBalancerCounts(loadBalancer.toString(), from, to));
                } catch (RuntimeException e) {
                    allowances.put("load balancer counts", "not read: " + e.getMessage());
                }
            }
        } catch (StepFailed e) {
            failure = e.getMessage();
            timeline.mark("FAILED: " + e.getMessage());
        } finally {
            if (load != null) {
                timeline.endPhase(clock.millis());
                requests = load.stop();
            }
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: the stack is gone either way
            }
        }
        var verdict = Verdict.of(requests, timeline.phases());
        allowances.putIfAbsent(HEAL, "not measured: the run did not get that far");
        allowances.putIfAbsent(ROLLOUT, "not measured: the run did not get that far");
        NOT_MEASURED.forEach(allowance -> allowances.putIfAbsent(allowance.getKey(), allowance.getValue()));
        var run = new LinkedHashMap<String, String>();
        run.put("stack", stackName);
        run.put("region", options.region());
        run.put("requests per second", String.valueOf(options.requestsPerSecond()));
        run.put("outcome", failure == null ? "finished" : "could not finish: " + failure);
        Report.write(Path.of(options.reportDirectory()), new Report.Contents("spotfleet acceptance run " + stackName,
                "AWS account run by ./acceptance in " + options.region(), run, timeline, verdict, requests, counts, allowances,
                readQuietly(project.resolve(Stacks.SOURCE_STACK_FILE))));
        out.println((verdict.holds() ? "PROMISE HELD: " : "PROMISE NOT SHOWN: ") + verdict.why()
                + "; report in " + options.reportDirectory() + "/report.md");
        if (failure != null) {
            out.println("the run could not finish: " + failure);
            return 3;
        }
        if (destroyFailed) {
            return 3;
        }
        return verdict.holds() ? 0 : 1;
    }

    /** Destroys and removes the stack, once, whoever asks first (finally, or the shutdown hook). */
    void cleanUp() {
        if (stackName == null || !cleaned.compareAndSet(false, true)) {
            return;
        }
        timeline.mark("destroy started");
        out.println("destroying " + stackName + " ...");
        try {
            stacks.destroyAndRemove(stackName);
            timeline.mark("destroyed");
            out.println("destroyed " + stackName);
        } catch (RuntimeException e) {
            destroyFailed = true;
            out.println("DESTROY FAILED for %s: %s. Run ./acceptance --janitor, or pulumi destroy -s %s, to remove what is left."
                    .formatted(stackName, e.getMessage(), stackName));
        }
    }

    private void awaitServing(URI url) throws Exception {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var deadline = clock.millis() + SERVING_TIMEOUT.toMillis();
        while (clock.millis() < deadline) {
            try {
                var status = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    timeline.mark("stack serves");
                    return;
                }
            } catch (java.io.IOException e) {
                // not yet
            }
            sleep(poll);
        }
        throw new StepFailed("%s did not answer 200 within %s".formatted(url, SERVING_TIMEOUT));
    }

    private AwsCalls.Experiment awaitExperiment(String id) {
        var deadline = clock.millis() + EXPERIMENT_TIMEOUT.toMillis();
        while (clock.millis() < deadline) {
            var experiment = aws.experiment(id);
            if (experiment.finished()) {
                return experiment;
            }
            sleep(poll);
        }
        throw new StepFailed("the FIS experiment %s did not finish within %s".formatted(id, EXPERIMENT_TIMEOUT));
    }

    /** Polls until the service has one deployment, COMPLETED, and runs its desired count; when it first did. */
    private long awaitSteady(String cluster, String service, Duration timeout) {
        var deadline = clock.millis() + timeout.toMillis();
        while (clock.millis() < deadline) {
            if (aws.service(cluster, service).steady()) {
                return clock.millis();
            }
            sleep(poll);
        }
        throw new StepFailed("the service %s did not reach steady state within %s".formatted(service, timeout));
    }

    private <T> T step(String name, Callable<T> action) {
        out.println("== " + name);
        timeline.mark(name);
        try {
            return action.call();
        } catch (StepFailed e) {
            throw e;
        } catch (Exception e) {
            throw new StepFailed("%s failed: %s".formatted(name, Optional.ofNullable(e.getMessage()).orElse(e.toString())));
        }
    }

    private static String required(Map<String, Object> outputs, String name) {
        var value = outputs.get(name);
        if (value == null) {
            throw new StepFailed("the stack has no output %s (outputs: %s): is spotfleet:spotInterruptionDrill true in %s?"
                    .formatted(name, outputs.keySet(), Stacks.SOURCE_STACK_FILE));
        }
        return value.toString();
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("interrupted");
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @FunctionalInterface
    interface Callable<T> {
        T call() throws Exception;
    }

    static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message);
        }
    }
}
