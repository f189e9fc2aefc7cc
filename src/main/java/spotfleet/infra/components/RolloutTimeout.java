package spotfleet.infra.components;

import spotfleet.infra.config.ServiceSettings;

import java.time.Duration;

/**
 * How long {@code pulumi up} waits for the web service's deployment to reach a steady state, computed from the same
 * timings the stack configures, so a slow but healthy rollout is never cut short and a stuck one cannot hang the
 * deploy for the provider's default 20 minutes:
 * <pre>
 * healthy  = IMAGE_PULL + service grace + healthy threshold x interval     a new task starts and turns healthy
 * stop     = target deregistration delay + stopTimeoutSeconds              an old task drains and stops
 * rollout  = instance grace + healthy + stop                               one wave (maximum 200%), on a new instance
 * failure  = rounds x (service grace + unhealthy threshold x interval + stop) + (rounds - 1) x RETRY_SPACING
 *            rounds = ceil(threshold / desired), threshold = max(desired / 2, 3) (so ceil(3 / desired)), worst
 *            desired in [serviceMinTasks, serviceMaxTasks]: the failed tasks the circuit breaker counts before it gives up;
 *            ECS does not start the rounds back to back but minutes apart
 * rollback = service grace + healthy threshold x interval + stop           back to the last good revision
 * timeout  = rollout + failure + rollback, rounded up to whole minutes
 * </pre>
 * With the defaults that is 20 minutes. The timeout outlasts the rollback of tasks that start and fail their health
 * checks: a deploy that times out while ECS still rolls back leaves the new task definition in Pulumi's state, and a
 * later {@code up} without {@code --refresh} sees no difference; ending after the rollback, the deploy fails on the
 * rollback check in {@link WebService}, which names both revisions. Tasks that never start (an image that cannot be
 * pulled) are retried ever further apart, "incrementally increased up to a maximum of 27 minutes" (ECS developer guide,
 * service throttle logic): no timeout a deploy can wait out covers that, so {@link SpotAlerts} alerts on the failed
 * deployment itself.
 */
final class RolloutTimeout {

    /** Pulling the image onto an instance that has not run it yet: an allowance, not a measurement. */
    static final int IMAGE_PULL_SECONDS = 60;
    /**
     * ECS's circuit breaker fails a deployment after 0.5 x the desired count of failed tasks, at least 3 and at
     * most 200 (ECS API reference, ServiceDeploymentCircuitBreaker.threshold). The cap never changes the number of
     * rounds: half the desired count always fits in one round.
     */
    static final int CIRCUIT_BREAKER_MIN_FAILURES = 3;
    /**
     * Between one round of failed tasks and the next, ECS waits: in the event timeline of pulumi/pulumi-awsx issue
     * #1848 (a service of one task whose health checks fail) the tasks stop at 20:37 and 20:45 and the next attempts
     * start at 20:43 and 20:51, six minutes later each time, and the rollback starts at 20:53. A reported observation,
     * not a documented constant.
     */
    static final int RETRY_SPACING_SECONDS = 360;

    private RolloutTimeout() {
    }

    static Duration of(ServiceSettings settings) {
        var stop = ServiceSettings.DEREGISTRATION_DELAY_SECONDS + settings.stopTimeoutSeconds();
        var turnsHealthy = WebService.HEALTH_CHECK_GRACE_SECONDS
                + WebService.HEALTHY_THRESHOLD * WebService.HEALTH_CHECK_INTERVAL_SECONDS;
        var turnsUnhealthy = WebService.HEALTH_CHECK_GRACE_SECONDS
                + WebService.UNHEALTHY_THRESHOLD * WebService.HEALTH_CHECK_INTERVAL_SECONDS;
        var rollout = Capacity.HEALTH_CHECK_GRACE_SECONDS + IMAGE_PULL_SECONDS + turnsHealthy + stop;
        var rounds = failedRounds(settings);
        var failure = rounds * (turnsUnhealthy + stop) + (rounds - 1) * RETRY_SPACING_SECONDS;
        var rollback = turnsHealthy + stop;
        var seconds = rollout + failure + rollback;
        return Duration.ofMinutes((seconds + 59) / 60);
    }

    /**
     * The most rounds of failing tasks the circuit breaker needs, over every desired count auto scaling may set. Half
     * the desired count always fits in one round, so only the minimum of 3 failures can take more than one.
     */
    static int failedRounds(ServiceSettings settings) {
        var rounds = 1;
        for (var desired = settings.serviceMinTasks(); desired <= settings.serviceMaxTasks(); desired++) {
            // with a maximum of 200%, a round starts as many new tasks as the service desires
            rounds = Math.max(rounds, (CIRCUIT_BREAKER_MIN_FAILURES + desired - 1) / desired);
        }
        return rounds;
    }
}
