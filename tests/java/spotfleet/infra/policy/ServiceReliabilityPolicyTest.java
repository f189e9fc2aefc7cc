package spotfleet.infra.policy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import spotfleet.infra.config.ServiceSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.*;

/**
 * The ECS service's promises about staying up: tasks spread so one Spot interruption takes few of them, stopping fits
 * inside EC2's two-minute notice, and a bad release rolls itself back without losing capacity.
 */
class ServiceReliabilityPolicyTest {

    @PolicyCheck
    void stoppingATaskFitsInsideTheSpotNotice(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var deregistration = ((Number) input(stack.each(TARGET_GROUP).getFirst(), "deregistrationDelay")).intValue();
        // when
        for (var task : stack.each(TASK_DEFINITION)) {
            for (var element : JsonParser.parseString((String) input(task, "containerDefinitions")).getAsJsonArray()) {
                var container = element.getAsJsonObject();
                var stopTimeout = container.has("stopTimeout") ? container.get("stopTimeout").getAsInt() : 30;
                if (stack.onFargate()) {
                    // Fargate Spot sends the SIGTERM with the warning; the deregistration runs alongside the stop timeout.
                    findings.require(stopTimeout <= ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS
                                    && deregistration < ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS, task,
                            "stopTimeout (%d s) or deregistration (%d s) outlasts the %d s Fargate Spot warning", stopTimeout,
                            deregistration, ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS);
                } else {
                    // the agent's poll and the scheduler come first (docs/interruption-timeline.md)
                    var before = ServiceSettings.AGENT_NOTICE_POLL_SECONDS + ServiceSettings.SCHEDULER_REACTION_SECONDS;
                    findings.require(before + deregistration + stopTimeout <= ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS, task,
                            "the agent and scheduler (%d s), deregistration (%d s) and stopTimeout (%d s) do not fit in the %d s Spot notice",
                            before, deregistration, stopTimeout, ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS);
                }
                var grace = environment(container).get("SHUTDOWN_GRACE_SECONDS");
                findings.require(grace != null && Integer.parseInt(grace) < stopTimeout, task,
                        "the app's SHUTDOWN_GRACE_SECONDS (%s) is not below the stopTimeout (%d s): SIGKILL could cut its drain",
                        grace, stopTimeout);
            }
        }
        // then
        findings.assertNone("a task stopped for a Spot interruption drains and exits before the instance is reclaimed");
    }

    @PolicyCheck
    void tasksSpreadOverAzsAndPackWithinEach(PolicyStack stack) {
        // given: across AZs, then packed by memory, so that instances empty and managed termination protection can release
        // them, and the capacity target's spare instance stays free for an interrupted instance's tasks
        var findings = new Findings(stack);
        var expected = List.of(Map.of("type", "spread", "field", "attribute:ecs.availability-zone"),
                Map.of("type", "binpack", "field", "memory"));
        // when
        for (var service : stack.each(ECS_SERVICE)) {
            if (stack.onFargate()) {
                // ECS refuses placement strategies for Fargate; it spreads the tasks over the subnets' AZs itself.
                findings.require(input(service, "orderedPlacementStrategies") == null, service,
                        "has placement strategies, which ECS refuses for Fargate: %s", input(service, "orderedPlacementStrategies"));
                var azs = ((List<?>) input(service, "networkConfiguration.subnets")).stream()
                        .map(subnet -> input(stack.referencedBy(SUBNET, subnet), "availabilityZone")).distinct().count();
                findings.require(azs >= 2, service, "runs its Fargate tasks in %d AZ(s): an AZ outage would take them all", azs);
            } else {
                findings.require(expected.equals(input(service, "orderedPlacementStrategies")), service,
                        "places tasks by %s, not spread over AZs then packed by memory", input(service, "orderedPlacementStrategies"));
            }
            var minTasks = ((Number) input(service, "desiredCount")).intValue();
            findings.require(minTasks >= 2, service, "starts %d task(s): one interruption would take the service down", minTasks);
        }
        // then
        findings.assertNone("one Spot interruption or AZ outage takes as few tasks as possible, never all");
    }

    @PolicyCheck
    void deploymentsKeepCapacityAndRollBackOnFailure(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var service : stack.each(ECS_SERVICE)) {
            findings.require(Boolean.TRUE.equals(input(service, "deploymentCircuitBreaker.enable"))
                    && Boolean.TRUE.equals(input(service, "deploymentCircuitBreaker.rollback")), service,
                    "deploymentCircuitBreaker is %s: a release that never turns healthy stays half-deployed",
                    input(service, "deploymentCircuitBreaker"));
            // On instances 50: a DRAINING instance's tasks may stop before their replacements are healthy, and half the tasks
            // always serve. On Fargate 100: the interruption stops the task itself, so the minimum only shapes deploys.
            var minimum = stack.onFargate() ? 100 : 50;
            findings.require(((Number) input(service, "deploymentMinimumHealthyPercent")).intValue() == minimum, service,
                    "deploymentMinimumHealthyPercent is %s, not %d", input(service, "deploymentMinimumHealthyPercent"), minimum);
            findings.require(((Number) input(service, "deploymentMaximumPercent")).intValue() == 200, service,
                    "deploymentMaximumPercent is %s: a deploy cannot start the new set before it stops the old one",
                    input(service, "deploymentMaximumPercent"));
            findings.require(Boolean.TRUE.equals(input(service, "forceNewDeployment")), service,
                    "forceNewDeployment is %s: changing the capacity provider strategy would replace the service",
                    input(service, "forceNewDeployment"));
        }
        // then
        findings.assertNone("deploys keep half the tasks or more serving, roll back when they fail, and never replace the service");
    }

    @PolicyCheck
    void theLoadBalancerChecksTheAppsHealthRoute(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var group : stack.each(TARGET_GROUP)) {
            var path = stack.settings().service().healthCheckPath();
            findings.require(path.equals(input(group, "healthCheck.path")) && "200".equals(input(group, "healthCheck.matcher")),
                    group, "checks %s for %s; the service answers %s (spotfleet:healthCheckPath) with 200 (the seed's app: 503 while"
                            + " it drains)", input(group, "healthCheck.path"), input(group, "healthCheck.matcher"), path);
        }
        // then
        findings.assertNone("a draining or broken task is taken out by the health check");
    }

    private static Map<String, String> environment(JsonObject container) {
        var variables = new LinkedHashMap<String, String>();
        if (container.has("environment")) {
            container.getAsJsonArray("environment").forEach(v ->
                    variables.put(v.getAsJsonObject().get("name").getAsString(), v.getAsJsonObject().get("value").getAsString()));
        }
        return variables;
    }
}
