package spotfleet.infra.components;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import spotfleet.infra.config.MonitoringSettings;

import java.util.List;
import java.util.Map;

/**
 * The one SNS topic every alarm and Spot alert goes to, and the address subscribed to it ({@code alarmEmail}).
 * Messages are encrypted at rest with a key of the stack's own: the AWS-managed {@code alias/aws/sns} key cannot
 * be used by CloudWatch alarms or EventBridge (its policy cannot be changed to let them), and a customer-managed
 * key's policy is where that use is granted and can be audited. Who may publish is {@link AlertTopicPolicy}'s concern.
 */
public final class AlertTopic extends ComponentResource {

    /** The services that publish to the topic themselves, and so must be able to use its key. */
    static final List<String> PUBLISHING_SERVICES = List.of("cloudwatch.amazonaws.com", "events.amazonaws.com");

    /** @param namePrefix the stack's prefix ({@code <project>-<stack>}), for the key's alias and the topic's display name */
    public record Args(String namePrefix) {
    }

    @Export(name = "topicArn", refs = String.class)
    public final Output<String> topicArn;
    @Export(name = "keyArn", refs = String.class)
    public final Output<String> keyArn;

    public AlertTopic(String name, MonitoringSettings settings, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:AlertTopic", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var policy = Output.tuple(AwsEnvironment.partition(this), AwsEnvironment.accountId(this))
                .applyValue(t -> keyPolicy(t.t1, t.t2));
        var key = new Key(name + "-key", KeyArgs.builder()
                .description("Encrypts the %s alert topic's messages at rest".formatted(args.namePrefix()))
                .enableKeyRotation(true)
                .policy(policy)
                .build(), child);
        new Alias(name + "-key-alias", AliasArgs.builder()
                .name("alias/%s-alerts".formatted(args.namePrefix()))
                .targetKeyId(key.keyId())
                .build(), child);

        var topic = new Topic(name + "-topic", TopicArgs.builder()
                .displayName("%s alerts".formatted(args.namePrefix())) // the sender name of alert emails
                .kmsMasterKeyId(key.arn())
                .build(), child);
        // The address gets a confirmation email first; nothing is delivered to it until it confirms.
        settings.alarmEmail().ifPresent(email -> new TopicSubscription(name + "-email", TopicSubscriptionArgs.builder()
                .topic(topic.arn())
                .protocol("email")
                .endpoint(email)
                .build(), child));

        this.topicArn = topic.arn();
        this.keyArn = key.arn();
        registerOutputs(Map.of("topicArn", topicArn, "keyArn", keyArn));
    }

    /**
     * The account administers the key through IAM, as with AWS's default key policy; CloudWatch and EventBridge
     * may encrypt for the topic. They reach the key only through SNS, for a topic whose own policy names the exact
     * alarms and rules allowed to publish, so the key needs no further condition.
     */
    private static String keyPolicy(String partition, String accountId) {
        return Json.of(Json.object(
                "Version", "2012-10-17",
                "Statement", List.of(
                        Json.object(
                                "Sid", "AccountAdministersTheKeyThroughIam",
                                "Effect", "Allow",
                                "Principal", Map.of("AWS", "arn:%s:iam::%s:root".formatted(partition, accountId)),
                                "Action", "kms:*",
                                "Resource", "*"),
                        Json.object(
                                "Sid", "AlarmsAndEventBridgePublishToTheEncryptedTopic",
                                "Effect", "Allow",
                                "Principal", Map.of("Service", PUBLISHING_SERVICES),
                                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                                "Resource", "*"))));
    }
}
