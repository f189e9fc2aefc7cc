package spotfleet.contract;

/** SNS topics, policies and subscriptions, as hashicorp/terraform-provider-aws's {@code internal/service/sns} creates them. */
final class SnsMappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/sns/";

    private SnsMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:sns/topic:Topic", DIR + "topic.go (topicAttributeMap)", r ->
                // Topic settings are CreateTopic attributes, named as SNS names them.
                r.request("sns", "CreateTopic").name("Name")
                        .copy("displayName", "Attributes.DisplayName")
                        .copy("kmsMasterKeyId", "Attributes.KmsMasterKeyId")
                        .copy("deliveryPolicy", "Attributes.DeliveryPolicy")
                        .copy("fifoTopic", "Attributes.FifoTopic", Values::text)
                        .tags(Tags.list("Tags", "Key", "Value")));
        mappings.add("aws:sns/topicPolicy:TopicPolicy", DIR + "topic_policy.go", r ->
                r.request("sns", "SetTopicAttributes").copy("arn", "TopicArn")
                        .set("AttributeName", "Policy", "provider: the attribute a topic policy sets")
                        .document("policy", "AttributeValue", IamPolicies.resource()));
        mappings.add("aws:sns/topicSubscription:TopicSubscription", DIR + "topic_subscription.go", r ->
                r.request("sns", "Subscribe").copy("topic", "TopicArn").copy("protocol", "Protocol").copy("endpoint", "Endpoint")
                        .set("ReturnSubscriptionArn", true, "provider: it reads the subscription back by its ARN"));
    }
}
