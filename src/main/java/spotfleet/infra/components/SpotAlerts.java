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

import java.util.List;
import java.util.Map;

/**
 * EventBridge rules that tell the alert topic what the Spot fleet goes through. Launches the group could not make
 * (the Spot capacity, or any capacity, could not be had) carry the group's name, so their rule matches this group
 * and goes straight to the topic. Spot interruption warnings and rebalance recommendations carry only the instance
 * id, so no pattern can pick this group's out of the account's: their rule sends all of them to {@link FleetWatch},
 * which keeps this group's instances only (by tag) before it alerts.
 */
public final class SpotAlerts extends ComponentResource {

    static final String LAUNCH_FAILED = "EC2 Instance Launch Unsuccessful";
    static final String SPOT_INTERRUPTION_WARNING = "EC2 Spot Instance Interruption Warning";
    static final String REBALANCE_RECOMMENDATION = "EC2 Instance Rebalance Recommendation";

    /**
     * What to watch and whom to tell.
     *
     * @param stack the stack's prefix ({@code <project>-<stack>}), named in the alerts
     */
    public record Args(Output<String> autoScalingGroupName, Output<String> topicArn, Output<String> functionArn,
                       Output<String> functionName, String stack) {
    }

    /** The rules that publish to the topic themselves (the topic policy admits exactly these). */
    @Export(name = "topicRuleArns", refs = {List.class, String.class}, tree = "[0,1]")
    public final Output<List<String>> topicRuleArns;

    public SpotAlerts(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:SpotAlerts", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var launchFailed = new EventRule(name + "-launch-failed", EventRuleArgs.builder()
                .description("%s: the Auto Scaling group could not launch an instance".formatted(args.stack()))
                .eventPattern(args.autoScalingGroupName().applyValue(SpotAlerts::launchFailedPattern))
                .build(), child);
        new EventTarget(name + "-launch-failed-alert", EventTargetArgs.builder()
                .rule(launchFailed.name())
                .arn(args.topicArn())
                .inputTransformer(launchFailedMessage(args.stack()))
                .build(), child);

        var interruptions = new EventRule(name + "-interruptions", EventRuleArgs.builder()
                .description("%s: Spot interruption warnings and rebalance recommendations (all of the account's;"
                        .formatted(args.stack()) + " the function keeps this group's)")
                .eventPattern(Json.of(Json.object(
                        "source", List.of("aws.ec2"),
                        "detail-type", List.of(SPOT_INTERRUPTION_WARNING, REBALANCE_RECOMMENDATION))))
                .build(), child);
        FleetWatch.invokeOn(name + "-interruptions", interruptions, args.functionArn(), args.functionName(), child);

        this.topicRuleArns = launchFailed.arn().applyValue(List::of);
        registerOutputs(Map.of("topicRuleArns", topicRuleArns));
    }

    static String launchFailedPattern(String autoScalingGroupName) {
        return Json.of(Json.object(
                "source", List.of("aws.autoscaling"),
                "detail-type", List.of(LAUNCH_FAILED),
                "detail", Map.of("AutoScalingGroupName", List.of(autoScalingGroupName))));
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
}
