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
                    findings.require(deregistration + stopTimeout < ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS, task,
                            "deregistration (%d s) plus stopTimeout (%d s) do not fit in the %d s Spot notice", deregistration,
                            stopTimeout, ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS);
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
    void tasksSpreadOverAzsAndInstances(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var expected = List.of(Map.of("type", "spread", "field", "attribute:ecs.availability-zone"),
                Map.of("type", "spread", "field", "instanceId"));
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
                        "places tasks by %s, not spread over AZs then instances", input(service, "orderedPlacementStrategies"));
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
            findings.require(((Number) input(service, "deploymentMinimumHealthyPercent")).intValue() >= 100, service,
                    "deploymentMinimumHealthyPercent is %s: deploys stop old tasks before new ones are healthy",
                    input(service, "deploymentMinimumHealthyPercent"));
        }
        // then
        findings.assertNone("deploys never drop below the running capacity and undo themselves when they fail");
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
