package spotfleet.infra.components;

import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * Who may publish to the alert topic: this stack's alarms (CloudWatch) and this stack's EventBridge rules, each by
 * its exact ARN, and nobody over plain HTTP. Its own component because it names publishers that are created after
 * the topic they publish to. Principals of the account (the {@link FleetWatch} function) publish through IAM.
 */
public final class AlertTopicPolicy extends ComponentResource {

    /**
     * @param topicArn  the alert topic
     * @param alarmArns the CloudWatch alarms that notify it
     * @param ruleArns  the EventBridge rules that target it
     */
    public record Args(Output<String> topicArn, Output<List<String>> alarmArns, Output<List<String>> ruleArns) {
    }

    @Export(name = "policy", refs = String.class)
    public final Output<String> policy;

    public AlertTopicPolicy(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:AlertTopicPolicy", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var document = Output.tuple(args.topicArn(), args.alarmArns(), args.ruleArns())
                .applyValue(t -> document(t.t1, t.t2, t.t3));
        var policy = new TopicPolicy(name + "-policy", TopicPolicyArgs.builder()
                .arn(args.topicArn())
                .policy(document)
                .build(), child);

        this.policy = policy.policy();
        registerOutputs(Map.of("policy", this.policy));
    }

    private static String document(String topicArn, List<String> alarmArns, List<String> ruleArns) {
        return Json.of(Json.object(
                "Version", "2012-10-17",
                "Statement", List.of(
                        publishFrom("ThisStacksAlarms", "cloudwatch.amazonaws.com", topicArn, alarmArns),
                        publishFrom("ThisStacksEventBridgeRules", "events.amazonaws.com", topicArn, ruleArns),
                        Json.object(
                                "Sid", "OnlyOverTls",
                                "Effect", "Deny",
                                "Principal", "*",
                                "Action", "sns:Publish",
                                "Resource", topicArn,
                                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))));
    }

    /** {@code service} may publish, on behalf of {@code sources} only (the confused-deputy guard). */
    private static Map<String, Object> publishFrom(String sid, String service, String topicArn, List<String> sources) {
        return Json.object(
                "Sid", sid,
                "Effect", "Allow",
                "Principal", Map.of("Service", service),
                "Action", "sns:Publish",
                "Resource", topicArn,
                "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", sources)));
    }
}
