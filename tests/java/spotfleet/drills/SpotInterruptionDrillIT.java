package spotfleet.drills;

import org.junit.jupiter.api.Test;
import spotfleet.infra.config.ServiceSettings;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spot interruption as ECS drains it: two copies of the service behind nginx under steady load, and SIGTERM to one
 * of them mid-load. No client request may fail, the stopped copy must exit 0 within its grace, and the other copy must
 * serve everything after it. nginx neither retries a failed request nor marks a target down by itself (like the ALB),
 * so only the service's drain and the emulated health checks ({@link TargetHealthChecks}) keep requests from failing.
 * The second test is the drill's control: without the drain, the same interruption does fail requests.
 */
class SpotInterruptionDrillIT {

    static final int CLIENTS = 8;
    static final Duration CLIENT_PAUSE = Duration.ofMillis(5);
    static final Duration LOAD_BEFORE_SIGTERM = Duration.ofSeconds(2);
    static final Duration LOAD_AFTER_EXIT = Duration.ofSeconds(2);
    /** What ECS gives the container (the stop timeout less the exit margin): the most the app takes from SIGTERM to exit. */
    static final Duration GRACE = Duration.ofSeconds(ServiceSettings.defaults().shutdownGraceSeconds());
    /** Room for the JVM's own exit after the grace. */
    static final Duration EXIT_MARGIN = Duration.ofSeconds(5);

    @Test
    void noRequestFailsWhenAnInstanceIsInterruptedAndItExitsCleanly() throws Exception {
        // given / when
        var drill = interrupt(Map.of());

        // then
        drill.report("spot-interruption").publish();
        assertThat(drill.failed()).as("client requests that failed (first ones shown); nginx logged:%n%s", drill.nginxErrors())
                .isEmpty();
        assertThat(drill.exitCode()).as("the stopped instance's exit code (1 would mean its grace ran out)").isZero();
        assertThat(drill.servedBySurvivorAfterExit()).as("requests the survivor served after the other exited").isPositive();
        assertThat(drill.servedByStoppedAfterExit()).as("requests the stopped instance served after it exited").isZero();
        assertThat(drill.stoppedInstanceErrors()).as("errors the stopped instance logged").isEmpty();
    }

    @Test
    void withoutTheDrainTheSameInterruptionFailsRequests() throws Exception {
        // given: the stopped instance closes its port at SIGTERM, before the health checks can take it out
        var drill = interrupt(Map.of("SHUTDOWN_DRAIN_SECONDS", "0"));

        // when
        drill.report("spot-interruption-without-drain").publish();

        // then: the drill above would have caught it
        assertThat(drill.failed()).as("client requests that failed without the drain").isNotEmpty();
    }

    /**
     * Two instances behind nginx, steady load, SIGTERM to the first right after a round of health checks (so the load
     * balancer learns of it a whole check interval later); {@code stoppedEnvironment} is added to its environment.
     */
    private static Drill interrupt(Map<String, String> stoppedEnvironment) throws InterruptedException {
        var environment = Map.of("SHUTDOWN_GRACE_SECONDS", String.valueOf(GRACE.toSeconds()));
        var stoppedEnv = new HashMap<>(environment);
        stoppedEnv.putAll(stoppedEnvironment);
        try (var stopped = ServiceInstance.start("instance-a", stoppedEnv);
             var survivor = ServiceInstance.start("instance-b", environment);
             var nginx = Nginx.start(List.of(stopped.port(), survivor.port()));
             var health = new TargetHealthChecks(nginx, List.of(stopped.port(), survivor.port()));
             var load = new SteadyLoad(awaitServing(nginx), CLIENTS, CLIENT_PAUSE)) {
            Thread.sleep(LOAD_BEFORE_SIGTERM);
            health.awaitRoundEnd();
            var sigtermAt = System.nanoTime();
            stopped.sigterm();
            var exitCode = stopped.awaitExit(GRACE.plus(EXIT_MARGIN));
            var exitedAt = System.nanoTime();
            Thread.sleep(LOAD_AFTER_EXIT);
            var requests = load.stop();
            return new Drill(requests, stopped.port(), survivor.port(), sigtermAt, exitedAt, health.removedAtNanos(stopped.port()),
                    exitCode, stopped.errorLines(), nginx.errorLog());
        }
    }

    /** The port nginx listens on, once it passes requests to the service. */
    static int awaitServing(Nginx nginx) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var answer = RawExchange.request(nginx.port(), "GET /healthcheck HTTP/1.1\r\nHost: drill\r\nConnection: close\r\n\r\n",
                    SteadyLoad.TIMEOUT);
            if (answer.statuses().equals(List.of(200))) {
                return nginx.port();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nginx did not pass requests to the service within 10 s:\n" + nginx.errorLog());
    }

    /** What happened, from the client's and the instances' side. */
    private record Drill(List<SteadyLoad.Request> requests, int stoppedPort, int survivorPort, long sigtermAt, long exitedAt,
                         Long removedAt, int exitCode, List<String> stoppedInstanceErrors, String nginxErrors) {

        List<String> failed() {
            return requests.stream().filter(r -> !r.succeeded())
                    .map(r -> "%+d ms after SIGTERM: %s (target %d)".formatted(millis(r.startNanos() - sigtermAt), r.outcome(), r.target()))
                    .limit(10)
                    .toList();
        }

        long servedBySurvivorAfterExit() {
            return requests.stream().filter(r -> r.startNanos() > exitedAt && r.succeeded() && r.target() == survivorPort).count();
        }

        long servedByStoppedAfterExit() {
            return requests.stream().filter(r -> r.startNanos() > exitedAt && r.target() == stoppedPort).count();
        }

        DrillReport report(String name) {
            var outcomes = new TreeMap<String, Long>();
            requests.forEach(r -> outcomes.merge(r.outcome(), 1L, Long::sum));
            return new DrillReport(name)
                    .add("client requests", requests.size())
                    .add("outcomes", outcomes)
                    .add("failed requests", requests.stream().filter(r -> !r.succeeded()).count())
                    .add("served by the stopped instance before SIGTERM", count(r -> r.startNanos() < sigtermAt && r.target() == stoppedPort))
                    .add("served by it after SIGTERM (its drain)", count(r -> r.startNanos() >= sigtermAt && r.target() == stoppedPort && r.succeeded()))
                    .add("served by the survivor", count(r -> r.target() == survivorPort && r.succeeded()))
                    .add("  of which after the stopped one exited", servedBySurvivorAfterExit())
                    .add("health check took it out after SIGTERM", removedAt == null ? "never" : millis(removedAt - sigtermAt) + " ms")
                    .add("SIGTERM to exit", millis(exitedAt - sigtermAt) + " ms (grace " + GRACE.toSeconds() + " s)")
                    .add("exit code", exitCode);
        }

        private long count(Predicate<SteadyLoad.Request> which) {
            return requests.stream().filter(which).count();
        }

        private static long millis(long nanos) {
            return Duration.ofNanos(nanos).toMillis();
        }
    }
}
