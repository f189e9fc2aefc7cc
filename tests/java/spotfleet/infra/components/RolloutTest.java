package spotfleet.infra.components;

import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.SpotfleetStack;
import spotfleet.infra.config.ServiceSettings;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.OfflineMocks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.ECS_SERVICE;

/**
 * A deploy ends when the service is healthy, or fails. terraform-provider-aws (internal/service/ecs/service.go, the
 * v5 line pulumi-aws 6.x bridges) waits for a steady state only with {@code wait_for_steady_state}, and its waiter
 * reads:
 * <pre>
 * if n, dc, rc := len(output.Deployments), output.DesiredCount, output.RunningCount; n == 1 &amp;&amp; dc == rc {
 *     status = serviceStatusStable
 * } else {
 *     status = serviceStatusPending
 * }
 * </pre>
 * It never looks at a deployment's rolloutState: a circuit-breaker rollback also ends with one deployment and every
 * task running (on the old revision), so it passes as stable (terraform-provider-aws#19519, #20858, both open); a
 * FAILED rollout without a rollback never becomes stable and fails when the timeout runs out.
 */
class RolloutTest {

    @Test
    void theServiceWaitsForASteadyStateAtMostTheComputedTimeoutOnCreateAndUpdate() {
        // given the defaults: 2 to 4 tasks, a 30 s stop timeout
        var stack = DeclaredStack.withDefaults();
        // when
        var service = stack.one(ECS_SERVICE, "web-service");
        // then: rollout 300 + 60 + 80 + 35, two rounds of failing tasks 2 x (90 + 35) six minutes apart (360), rollback
        // 80 + 35 = 1200 s
        assertThat(input(service, "waitForSteadyState")).isEqualTo(true);
        assertThat(service.customTimeouts()).isEqualTo(Map.of("create", "20m", "update", "20m"));
    }

    @Test
    void aLongerStopTimeoutAndMoreTasksChangeTheTimeout() {
        // given a 45 s stop timeout and at least 3 tasks (one round of failing tasks trips the circuit breaker)
        var settings = service(3, 9, 45);
        // when
        var timeout = RolloutTimeout.of(settings);
        // then: 300 + 60 + 80 + 50 + 1 x (90 + 50) + 80 + 50 = 760 s, rounded up
        assertThat(timeout).isEqualTo(Duration.ofMinutes(13));
    }

    @Test
    void aSingleTaskNeedsThreeRoundsOfFailuresAndATimeoutOfWholeMinutes() {
        // given one task at least: the circuit breaker's minimum of 3 failures takes 3 rounds
        var settings = service(1, 1, 30);
        // when
        var timeout = RolloutTimeout.of(settings);
        // then: 300 + 60 + 80 + 35 + 3 x (90 + 35) + 2 x 360 (ECS's spacing between rounds) + 80 + 35 = 1685 s,
        // 28 min 5 s, rounded up to 29 min: pulumi/pulumi-awsx #1848 saw the rollback start 18 minutes after the deploy
        assertThat(RolloutTimeout.failedRounds(settings)).isEqualTo(3);
        assertThat(timeout).isEqualTo(Duration.ofMinutes(29));
    }

    @ParameterizedTest(name = "{0} to {1} tasks: {2} rounds")
    @CsvSource({"1, 1, 3", "2, 2, 2", "3, 3, 1", "2, 4, 2", "6, 6, 1", "7, 7, 1", "400, 400, 1", "500, 500, 1"})
    void theCircuitBreakerNeedsHalfTheDesiredCountBetween3And200FailedTasks(int min, int max, int rounds) {
        // given
        var settings = service(min, max, 30);
        // when / then
        assertThat(RolloutTimeout.failedRounds(settings)).isEqualTo(rounds);
    }

    @Test
    void aDeployThatTheCircuitBreakerRolledBackFailsTheUpdate() {
        // given an engine whose ECS service reads back the previous revision, as the provider does after a rollback
        var mocks = new RolledBack(new OfflineMocks());
        try {
            // when
            var result = PulumiTest.withMocks(mocks)
                    .withOptions(TestOptions.builder().projectName("spotfleet").stackName("dev").preview(false).build())
                    .runTest(ctx -> SpotfleetStack.declare(ctx, StackSettings.defaults()));

            // then: the program fails, naming both revisions
            assertThat(result.exceptions()).isNotEmpty();
            assertThat(rootCause(result.exceptions().getFirst()).getMessage())
                    .contains("circuit breaker rolled it back to " + RolledBack.PREVIOUS)
                    .contains("task-definition/spotfleet-dev-web:1");
        } finally {
            PulumiTest.cleanup();
        }
    }

    @Test
    void aDeployThatRunsTheDeclaredRevisionSucceedsAndReportsIt() {
        // given the offline engine, which reads back what was declared
        var declared = new AtomicReference<SpotfleetStack>();
        try {
            // when
            var result = PulumiTest.withMocks(new OfflineMocks())
                    .withOptions(TestOptions.builder().projectName("spotfleet").stackName("dev").preview(false).build())
                    .runTest(ctx -> declared.set(SpotfleetStack.declare(ctx, StackSettings.defaults())));

            // then
            assertThat(result.exceptions()).isEmpty();
            assertThat(PulumiTest.extractValue(declared.get().service().taskDefinitionArn))
                    .isEqualTo("arn:aws:ecs:mock-region-1:123456789012:task-definition/spotfleet-dev-web:1");
        } finally {
            PulumiTest.cleanup();
        }
    }

    private static Throwable rootCause(Throwable e) {
        var cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The offline engine, except that the ECS service comes back on an older task definition. */
    private record RolledBack(OfflineMocks offline) implements Mocks {
        static final String PREVIOUS = "arn:aws:ecs:mock-region-1:123456789012:task-definition/spotfleet-dev-web:0";

        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            var result = offline.newResourceAsync(args);
            if (!args.type.equals(ECS_SERVICE)) {
                return result;
            }
            return result.thenApply(answer -> {
                @SuppressWarnings("unchecked")
                var state = new HashMap<>((Map<String, Object>) answer.state);
                state.put("taskDefinition", PREVIOUS);
                return ResourceResult.of(answer.id, state);
            });
        }

        @Override
        public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
            return offline.callAsync(args);
        }
    }

    /** The default service with {@code min} to {@code max} tasks and {@code stopTimeout} seconds to stop. */
    private static ServiceSettings service(int min, int max, int stopTimeout) {
        return StackSettings.defaults().toBuilder().serviceMinTasks(min).serviceMaxTasks(max).onDemandTasks(Math.min(1, max))
                .stopTimeoutSeconds(stopTimeout).build().service();
    }
}
