package spotfleet.infra.components;

import java.util.List;

/**
 * The stack's outputs, by name: what {@code pulumi stack output} shows, what a stack promoting this one's image reads
 * ({@code PromotedImage}), what the offline plan stands in for, and what the acceptance run reads (acceptance-run is its
 * own build; StackOutputsTest holds its names to these).
 */
public final class StackOutputs {

    public static final String URL = "url";
    public static final String ALB_DNS_NAME = "albDnsName";
    /** The LoadBalancer dimension of its CloudWatch metrics (the acceptance run reads its 5xx counts with it). */
    public static final String LOAD_BALANCER_ARN_SUFFIX = "loadBalancerArnSuffix";
    public static final String CLUSTER_NAME = "clusterName";
    public static final String SERVICE_NAME = "serviceName";
    /** On EC2 only. */
    public static final String AUTO_SCALING_GROUP_NAME = "autoScalingGroupName";
    public static final String REPOSITORY_URL = "repositoryUrl";
    public static final String IMAGE_REF = "imageRef";
    public static final String IMAGE_PLATFORM = "imagePlatform";
    public static final String IMAGE_REPOSITORY_ARN = "imageRepositoryArn";
    /** When the stack grants pulls to promotion targets. */
    public static final String IMAGE_PULLERS = "imagePullers";
    public static final String DASHBOARD_URL = "dashboardUrl";
    public static final String ALARM_TOPIC_ARN = "alarmTopicArn";
    /** When the stack has its log bucket. */
    public static final String ACCESS_LOGS_BUCKET = "accessLogsBucket";
    /** When the stack asks for the Spot interruption drill. */
    public static final String SPOT_INTERRUPTION_EXPERIMENT_TEMPLATE_ID = "spotInterruptionExperimentTemplateId";

    /** Every name above. */
    public static final List<String> ALL = List.of(URL, ALB_DNS_NAME, LOAD_BALANCER_ARN_SUFFIX, CLUSTER_NAME, SERVICE_NAME,
            AUTO_SCALING_GROUP_NAME, REPOSITORY_URL, IMAGE_REF, IMAGE_PLATFORM, IMAGE_REPOSITORY_ARN, IMAGE_PULLERS,
            DASHBOARD_URL, ALARM_TOPIC_ARN, ACCESS_LOGS_BUCKET, SPOT_INTERRUPTION_EXPERIMENT_TEMPLATE_ID);

    private StackOutputs() {
    }
}
