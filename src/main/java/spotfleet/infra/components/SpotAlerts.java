package spotfleet.infra.components;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetInputTransformerArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EventBridge rules that tell the alert topic what the Spot capacity goes through.
 *
 * <p>On EC2: launches the group could not make (the Spot capacity, or any capacity, could not be had) carry the group's
 * name, so their rule matches this group and goes straight to the topic. Spot interruption warnings and rebalance
 * recommendations carry only the instance id, so no pattern can pick this group's out of the account's: their rule
 * sends all of them to {@link FleetWatch}, which keeps this group's instances only (by tag) before it alerts.
 *
 * <p>On Fargate: the interruption warning of a Fargate Spot task is an ECS task state change event that carries the
 * cluster's ARN, so one rule matches this cluster's interrupted tasks and goes straight to the topic; EventBridge's own
 * count of the rule's matches is the dashboard's interrupted tasks.
 *
 * <p>On both: a deployment of the service that the circuit breaker failed (and rolled back). {@code pulumi up} fails on a
 * rollback it sees; but ECS spaces retries of tasks that never start up to 27 minutes apart (ECS developer guide, service
 * throttle logic), so a deploy can run out of time before the rollback, and this alert is what then still says so.
 */
public final class SpotAlerts extends ComponentResource {

    static final String LAUNCH_FAILED = "EC2 Instance Launch Unsuccessful";
    static final String SPOT_INTERRUPTION_WARNING = "EC2 Spot Instance Interruption Warning";
    static final String REBALANCE_RECOMMENDATION = "EC2 Instance Rebalance Recommendation";
    static final String TASK_STATE_CHANGE = "ECS Task State Change";
    /**
     * "SERVICE_DEPLOYMENT_FAILED: The service deployment has failed. This event is sent for services with deployment
     * circuit breaker logic turned on", with detail type "ECS Deployment State Change" and the service's ARN in
     * {@code resources} (ECS developer guide, ecs_service_deployment_events, and its example events).
     */
    static final String DEPLOYMENT_STATE_CHANGE = "ECS Deployment State Change";
    static final String DEPLOYMENT_FAILED = "SERVICE_DEPLOYMENT_FAILED";
    /**
     * The stop codes of a Fargate Spot interruption. AWS's knowledge center (fargate-spot-termination-notice) and the
     * ecs model's TaskStopCode name {@code SpotInterruption}; the ECS developer guide's own example event of a Fargate
     * Spot interruption (awsdocs/amazon-ecs-developer-guide doc_source/fargate-capacity-providers.md, "Handling Fargate
     * Spot termination notices", commit 143e78acb1c6cf84883abecca47ec7e300b9deca) carries
     * {@code TerminationNotice} with the stopped reason "Your Spot Task was interrupted.". Both are matched, and the
     * alert quotes the event's own code and reason.
     */
    static final List<String> SPOT_STOP_CODES = List.of("SpotInterruption", "TerminationNotice");

    /**
     * What to watch and whom to tell.
     *
     * @param serviceArn the web service, whose failed deployments are alerted
     * @param stack      the stack's prefix ({@code <project>-<stack>}), named in the alerts
     */
    public record Args(Platform platform, Output<String> serviceArn, Output<String> topicArn, String stack) {
    }

    /** The rules that publish to the topic themselves (the topic policy admits exactly these). */
    @Export(name = "topicRuleArns", refs = {List.class, String.class}, tree = "[0,1]")
    public final Output<List<String>> topicRuleArns;
    /** On Fargate, the rule that matches this cluster's interrupted tasks: its matches count them. */
    public final Optional<Output<String>> taskInterruptionRuleName;

    public SpotAlerts(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:SpotAlerts", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        EventRule topicRule;
        switch (args.platform()) {
            case Platform.Ec2 ec2 -> {
                topicRule = new EventRule(name + "-launch-failed", EventRuleArgs.builder()
                        .description("%s: the Auto Scaling group could not launch an instance".formatted(args.stack()))
                        .eventPattern(ec2.capacity().autoScalingGroupName.applyValue(SpotAlerts::launchFailedPattern))
                        .build(), child);
                alertOn(name + "-launch-failed-alert", topicRule, args.topicArn(), launchFailedMessage(args.stack()), child);

                var interruptions = new EventRule(name + "-interruptions", EventRuleArgs.builder()
                        .description("%s: Spot interruption warnings and rebalance recommendations (all of the account's;"
                                .formatted(args.stack()) + " the function keeps this group's)")
                        .eventPattern(Json.of(Json.object(
                                "source", List.of("aws.ec2"),
                                "detail-type", List.of(SPOT_INTERRUPTION_WARNING, REBALANCE_RECOMMENDATION))))
                        .build(), child);
                FleetWatch.invokeOn(name + "-interruptions", interruptions, ec2.fleetWatch().functionArn, ec2.fleetWatch().functionName, child);
                this.taskInterruptionRuleName = Optional.empty();
            }
            case Platform.Fargate fargate -> {
                topicRule = new EventRule(name + "-task-interruptions", EventRuleArgs.builder()
                        .description("%s: Fargate Spot is reclaiming a task of the cluster (two-minute warning)".formatted(args.stack()))
                        .eventPattern(fargate.clusterArn().applyValue(SpotAlerts::taskInterruptionPattern))
                        .build(), child);
                alertOn(name + "-task-interruptions-alert", topicRule, args.topicArn(), taskInterruptionMessage(args.stack()), child);
                this.taskInterruptionRuleName = Optional.of(topicRule.name());
            }
        }

        var deploymentFailed = new EventRule(name + "-deployment-failed", EventRuleArgs.builder()
                .description("%s: the circuit breaker failed a deployment of the service".formatted(args.stack()))
                .eventPattern(args.serviceArn().applyValue(SpotAlerts::deploymentFailedPattern))
                .build(), child);
        alertOn(name + "-deployment-failed-alert", deploymentFailed, args.topicArn(), deploymentFailedMessage(args.stack()), child);

        this.topicRuleArns = Output.all(topicRule.arn(), deploymentFailed.arn());
        var outputs = new LinkedHashMap<String, Output<?>>(Map.of("topicRuleArns", topicRuleArns));
        taskInterruptionRuleName.ifPresent(rule -> outputs.put("taskInterruptionRuleName", rule));
        registerOutputs(outputs);
    }

    /** The dimensions the alerts add: the interruption rule, on Fargate. */
    public Map<Metrics.Dimension, Output<String>> dimensions() {
        return taskInterruptionRuleName.map(rule -> Map.of(Metrics.Dimension.RULE, rule)).orElse(Map.of());
    }

    static String deploymentFailedPattern(String serviceArn) {
        return Json.of(Json.object(
                "source", List.of("aws.ecs"),
                "detail-type", List.of(DEPLOYMENT_STATE_CHANGE),
                "resources", List.of(serviceArn),
                "detail", Map.of("eventName", List.of(DEPLOYMENT_FAILED))));
    }

    static String launchFailedPattern(String autoScalingGroupName) {
        return Json.of(Json.object(
                "source", List.of("aws.autoscaling"),
                "detail-type", List.of(LAUNCH_FAILED),
                "detail", Map.of("AutoScalingGroupName", List.of(autoScalingGroupName))));
    }

    /**
     * The warning, as AWS's example event shows it: the task's desired status turned {@code STOPPED} while it still runs,
     * with a Spot stop code. Matching that one transition, not the later ones that repeat the stop code (stopping,
     * stopped), alerts once per task, at the start of its two minutes.
     */
    static String taskInterruptionPattern(String clusterArn) {
        return Json.of(Json.object(
                "source", List.of("aws.ecs"),
                "detail-type", List.of(TASK_STATE_CHANGE),
                "detail", Json.object(
                        "clusterArn", List.of(clusterArn),
                        "stopCode", SPOT_STOP_CODES,
                        "desiredStatus", List.of("STOPPED"),
                        "lastStatus", List.of("RUNNING"))));
    }

    private static void alertOn(String name, EventRule rule, Output<String> topicArn, EventTargetInputTransformerArgs message,
                                CustomResourceOptions options) {
        new EventTarget(name, EventTargetArgs.builder()
                .rule(rule.name())
                .arn(topicArn)
                .inputTransformer(message)
                .build(), options);
    }

    /** One readable line instead of the event's JSON: who, when, and AWS's own reason. */
    private static EventTargetInputTransformerArgs launchFailedMessage(String stack) {
        return EventTargetInputTransformerArgs.builder()
                .inputPaths(Map.of(
                        "group", "$.detail.AutoScalingGroupName",
                        "reason", "$.detail.StatusMessage",
                        "time", "$.time"))
                // A quoted template makes the message a plain string; the stack name needs no escaping
                // (Pulumi stack and project names are letters, digits, '-', '_' and '.').
                .inputTemplate("\"%s: Auto Scaling group <group> could not launch an instance at <time>: <reason>\"".formatted(stack))
                .build();
    }

    private static EventTargetInputTransformerArgs deploymentFailedMessage(String stack) {
        return EventTargetInputTransformerArgs.builder()
                .inputPaths(Map.of(
                        "deployment", "$.detail.deploymentId",
                        "reason", "$.detail.reason",
                        "time", "$.time"))
                .inputTemplate(("\"%s: the circuit breaker failed deployment <deployment> of the web service at <time> (<reason>);"
                        + " ECS rolls back to the last good revision: run pulumi refresh before the next up\"").formatted(stack))
                .build();
    }

    private static EventTargetInputTransformerArgs taskInterruptionMessage(String stack) {
        return EventTargetInputTransformerArgs.builder()
                .inputPaths(Map.of(
                        "task", "$.detail.taskArn",
                        "code", "$.detail.stopCode",
                        "reason", "$.detail.stoppedReason",
                        "time", "$.time"))
                .inputTemplate(("\"%s: Fargate Spot task <task> gets its two-minute interruption warning at <time>"
                        + " (<code>: <reason>); the service starts its replacement on FARGATE_SPOT when there is capacity\"")
                        .formatted(stack))
                .build();
    }
}
