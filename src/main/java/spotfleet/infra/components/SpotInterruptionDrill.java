package spotfleet.infra.components;

import com.pulumi.aws.fis.ExperimentTemplate;
import com.pulumi.aws.fis.ExperimentTemplateArgs;
import com.pulumi.aws.fis.inputs.ExperimentTemplateActionArgs;
import com.pulumi.aws.fis.inputs.ExperimentTemplateActionParameterArgs;
import com.pulumi.aws.fis.inputs.ExperimentTemplateActionTargetArgs;
import com.pulumi.aws.fis.inputs.ExperimentTemplateStopConditionArgs;
import com.pulumi.aws.fis.inputs.ExperimentTemplateTargetArgs;
import com.pulumi.aws.fis.inputs.ExperimentTemplateTargetFilterArgs;
import com.pulumi.aws.fis.inputs.ExperimentTemplateTargetResourceTagArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import spotfleet.infra.config.ServiceSettings;

import java.util.List;
import java.util.Map;

/**
 * A real Spot interruption on demand (spotfleet:spotInterruptionDrill): an AWS Fault Injection Service experiment
 * template that sends one running Spot instance of the stack's Spot group the two-minute interruption notice, and the
 * role FIS runs it with. Declaring it interrupts nothing; {@code aws fis start-experiment} (or {@code ./acceptance})
 * does. The experiment stops when either 5xx alarm fires, and the role may interrupt only instances carrying the
 * group's {@code aws:autoscaling:groupName} tag, which EC2 Auto Scaling puts on every instance it launches.
 * The template's shape follows AWS's own example (awslabs/ec2-spot-workshops workshops/fis/fisspotinterruption.yaml:
 * resource type aws:ec2:spot-instance, a State.Name=running filter, target key SpotInstances,
 * durationBeforeInterruption PT2M; its role ec2:DescribeInstances on * and ec2:SendSpotInstanceInterruptions on
 * instances), narrowed here to one group by tag.
 */
public final class SpotInterruptionDrill extends ComponentResource {

    static final String ACTION_ID = "aws:ec2:send-spot-instance-interruptions";
    static final String RESOURCE_TYPE = "aws:ec2:spot-instance";
    /** The tag EC2 Auto Scaling puts on each instance of a group, with the group's name: the target and the role's scope. */
    static final String GROUP_TAG = "aws:autoscaling:groupName";
    /** The action's target key for Spot instances (terraform-provider-aws validExperimentTemplateActionTargetKey). */
    static final String TARGET_KEY = "SpotInstances";
    static final String TARGET_NAME = "one-spot-instance";
    static final String ACTION_NAME = "interrupt";
    /** One instance: the case the stack is sized for (docs/interruption-timeline.md); more is a wave, not this drill. */
    static final String SELECTION_MODE = "COUNT(1)";
    /** ISO 8601: the notice EC2 itself gives, so the drill is the real thing (ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS). */
    static final String NOTICE = "PT%dM".formatted(ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS / 60);

    /**
     * @param namePrefix           the stack's prefix ({@code <project>-<stack>}), for the template's Name tag
     * @param spotGroupName        the Spot group whose instances may be interrupted (never the on-demand group)
     * @param stopAlarmArns        the alarms that stop the experiment when they fire: the stack's 5xx alarms
     */
    public record Args(String namePrefix, Output<String> spotGroupName, List<Output<String>> stopAlarmArns) {
    }

    @Export(name = "experimentTemplateId", refs = String.class)
    public final Output<String> experimentTemplateId;
    @Export(name = "roleArn", refs = String.class)
    public final Output<String> roleArn;

    public SpotInterruptionDrill(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:SpotInterruptionDrill", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var role = IamRoles.assumedByOnBehalfOfAccount(name + "-role", "fis.amazonaws.com",
                "AWS FIS: send the two-minute Spot interruption notice to one instance of this stack's Spot group", this, child);
        var instances = Output.format("arn:%s:ec2:%s:%s:instance/*", AwsEnvironment.partition(this), AwsEnvironment.region(this),
                AwsEnvironment.accountId(this));
        var permissions = new RolePolicy(name + "-permissions", RolePolicyArgs.builder()
                .role(role.id())
                .policy(Output.tuple(instances, args.spotGroupName()).applyValue(t -> Json.of(Json.object(
                        "Version", "2012-10-17",
                        "Statement", List.of(
                                Json.object(
                                        "Sid", "InterruptOnlyThisGroupsInstances",
                                        "Effect", "Allow",
                                        "Action", List.of("ec2:SendSpotInstanceInterruptions"),
                                        "Resource", t.t1,
                                        "Condition", Map.of("StringEquals", Map.of("aws:ResourceTag/" + GROUP_TAG, t.t2))),
                                Json.object(
                                        // FIS resolves the target's tags and filter by describing instances
                                        "Sid", "FindTheTargets",
                                        "Effect", "Allow",
                                        "Action", List.of("ec2:DescribeInstances"),
                                        "Resource", "*"))))))
                .build(), child);

        var template = new ExperimentTemplate(name + "-template", ExperimentTemplateArgs.builder()
                .description(args.spotGroupName().applyValue(group -> ("Send one running Spot instance of %s the two-minute"
                        + " interruption notice; stops when a 5xx alarm of the stack fires").formatted(group)))
                .roleArn(role.arn())
                .targets(ExperimentTemplateTargetArgs.builder()
                        .name(TARGET_NAME)
                        .resourceType(RESOURCE_TYPE)
                        .selectionMode(SELECTION_MODE)
                        .resourceTags(ExperimentTemplateTargetResourceTagArgs.builder()
                                .key(GROUP_TAG).value(args.spotGroupName()).build())
                        .filters(ExperimentTemplateTargetFilterArgs.builder().path("State.Name").values("running").build())
                        .build())
                .actions(ExperimentTemplateActionArgs.builder()
                        .name(ACTION_NAME)
                        .actionId(ACTION_ID)
                        .description("the two-minute Spot interruption notice, then EC2 reclaims the instance")
                        .parameters(ExperimentTemplateActionParameterArgs.builder()
                                .key("durationBeforeInterruption").value(NOTICE).build())
                        .target(ExperimentTemplateActionTargetArgs.builder().key(TARGET_KEY).value(TARGET_NAME).build())
                        .build())
                .stopConditions(args.stopAlarmArns().stream().map(arn -> ExperimentTemplateStopConditionArgs.builder()
                        .source("aws:cloudwatch:alarm").value(arn).build()).toList())
                .tags(Map.of("Name", args.namePrefix() + "-spot-interruption"))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(permissions).build());

        this.experimentTemplateId = template.id();
        this.roleArn = role.arn();
        registerOutputs(Map.of("experimentTemplateId", experimentTemplateId, "roleArn", roleArn));
    }
}
