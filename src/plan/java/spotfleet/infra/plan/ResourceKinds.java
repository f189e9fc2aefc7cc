package spotfleet.infra.plan;

import spotfleet.infra.offline.ResourceTypes;
import spotfleet.infra.offline.ResourceTypes.ResourceType;
import spotfleet.infra.offline.ResourceTypes.Tier;

import java.util.List;
import java.util.Set;

/**
 * What the architecture picture knows about how resource types relate: which resources only configure another (and
 * so are drawn as part of it), which wiring carries traffic, which type a box is titled after. What each type is
 * called and how prominent it is drawn are its entry in ResourceTypes. It never says which resources exist or what
 * refers to what: that comes from the plan.
 */
final class ResourceKinds {

    /** What a reference between two resources carries, if anything. */
    enum Flow {
        /** A request from a client on its way to a task. */
        REQUEST,
        /** Tasks and instances reaching out: through NAT, or without it through the internet gateway. */
        EGRESS,
        /** Where the tasks run. */
        PLACEMENT,
        /** An Auto Scaling group launching its instances. */
        LAUNCH,
        /** Plain wiring: one resource's input names another. */
        REFERENCE
    }

    static final String LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
    static final String LISTENER = "aws:lb/listener:Listener";
    static final String LISTENER_RULE = "aws:lb/listenerRule:ListenerRule";
    static final String TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
    static final String SERVICE = "aws:ecs/service:Service";
    static final String CLUSTER = "aws:ecs/cluster:Cluster";
    static final String AUTO_SCALING_GROUP = "aws:autoscaling/group:Group";
    static final String LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
    static final String SUBNET = "aws:ec2/subnet:Subnet";
    static final String ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
    static final String NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
    static final String INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";
    static final String SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";

    /**
     * Inputs that place a resource rather than wire it to another: every network-attached resource names the one
     * VPC, so arrows for them would only say that everything is in it.
     */
    static final Set<String> PLACEMENT_INPUTS = Set.of("vpcId");

    /**
     * A resource of {@code type} whose {@code input} names a resource of {@code target} type only configures that
     * resource: both are drawn as one box, titled after the resource that appears first in {@link #HOSTS}.
     */
    record Part(String type, String input, String target) {
    }

    static final List<Part> PARTS = List.of(
            new Part("aws:ec2/routeTableAssociation:RouteTableAssociation", "subnetId", SUBNET),
            new Part("aws:ec2/routeTableAssociation:RouteTableAssociation", "routeTableId", ROUTE_TABLE),
            new Part(NAT_GATEWAY, "allocationId", "aws:ec2/eip:Eip"),
            new Part("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "vpcId", "aws:ec2/vpc:Vpc"),
            new Part("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "securityGroupId", SECURITY_GROUP),
            new Part("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "securityGroupId", SECURITY_GROUP),
            new Part(LOAD_BALANCER, "securityGroups", SECURITY_GROUP),
            new Part(LISTENER, "loadBalancerArn", LOAD_BALANCER),
            new Part(LISTENER_RULE, "actions", TARGET_GROUP),
            new Part(SERVICE, "taskDefinition", "aws:ecs/taskDefinition:TaskDefinition"),
            new Part("aws:appautoscaling/target:Target", "resourceId", SERVICE),
            new Part("aws:appautoscaling/policy:Policy", "resourceId", SERVICE),
            new Part(AUTO_SCALING_GROUP, "mixedInstancesPolicy", LAUNCH_TEMPLATE),
            new Part(AUTO_SCALING_GROUP, "launchTemplate", LAUNCH_TEMPLATE),
            new Part(LAUNCH_TEMPLATE, "vpcSecurityGroupIds", SECURITY_GROUP),
            new Part(LAUNCH_TEMPLATE, "networkInterfaces", SECURITY_GROUP), // without NAT, on the instance's interface
            new Part("aws:ec2/vpcEndpoint:VpcEndpoint", "routeTableIds", ROUTE_TABLE),
            new Part("aws:ecs/capacityProvider:CapacityProvider", "autoScalingGroupProvider", AUTO_SCALING_GROUP),
            new Part("aws:autoscaling/policy:Policy", "autoscalingGroupName", AUTO_SCALING_GROUP),
            new Part("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "clusterName", CLUSTER),
            new Part("aws:iam/rolePolicy:RolePolicy", "role", "aws:iam/role:Role"),
            new Part("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "role", "aws:iam/role:Role"),
            new Part("aws:iam/instanceProfile:InstanceProfile", "role", "aws:iam/role:Role"),
            new Part("aws:ecr/lifecyclePolicy:LifecyclePolicy", "repository", "aws:ecr/repository:Repository"),
            new Part("aws:kms/alias:Alias", "targetKeyId", "aws:kms/key:Key"),
            new Part("aws:sns/topicPolicy:TopicPolicy", "arn", "aws:sns/topic:Topic"),
            new Part("aws:cloudwatch/eventTarget:EventTarget", "rule", "aws:cloudwatch/eventRule:EventRule"),
            new Part("aws:lambda/permission:Permission", "sourceArn", "aws:cloudwatch/eventRule:EventRule"),
            new Part("aws:acm/certificateValidation:CertificateValidation", "certificateArn", "aws:acm/certificate:Certificate"),
            new Part("aws:route53/record:Record", "records", "aws:acm/certificate:Certificate"));

    /** S3 configures a bucket through resources of their own (policy, encryption, lifecycle, ...), each naming it. */
    private static final String S3 = "aws:s3/";
    private static final Set<String> BUCKETS = Set.of("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2");

    /** Whether a resource of {@code type} whose {@code input} names a {@code target} only configures the target. */
    static boolean isPart(String type, String input, String target) {
        return PARTS.contains(new Part(type, input, target))
                || type.startsWith(S3) && !BUCKETS.contains(type) && input.equals("bucket") && BUCKETS.contains(target);
    }

    /** Which resource a box of several is titled after: the first of these types, in this order. */
    static final List<String> HOSTS = List.of(LOAD_BALANCER, TARGET_GROUP, SERVICE, AUTO_SCALING_GROUP, SUBNET,
            NAT_GATEWAY, "aws:ec2/vpc:Vpc", CLUSTER, "aws:iam/role:Role", "aws:ecr/repository:Repository",
            "aws:kms/key:Key", "aws:sns/topic:Topic", "aws:cloudwatch/eventRule:EventRule", "aws:acm/certificate:Certificate",
            "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", SECURITY_GROUP, LAUNCH_TEMPLATE, ROUTE_TABLE);

    /**
     * The wiring that carries traffic, as the resource with the input and the resource it names; {@code reversed}
     * when the traffic runs from the named resource to the one naming it (a listener rule names the listener that
     * hands it requests).
     */
    record Carrier(String type, String input, String target, Flow flow, boolean reversed) {
    }

    static final List<Carrier> CARRIERS = List.of(
            new Carrier(LISTENER_RULE, "listenerArn", LISTENER, Flow.REQUEST, true),
            new Carrier(LISTENER, "defaultActions", TARGET_GROUP, Flow.REQUEST, false),
            new Carrier(SERVICE, "loadBalancers", TARGET_GROUP, Flow.REQUEST, true),
            new Carrier(ROUTE_TABLE, "routes", NAT_GATEWAY, Flow.EGRESS, false),
            new Carrier(NAT_GATEWAY, "subnetId", SUBNET, Flow.EGRESS, false),
            new Carrier(ROUTE_TABLE, "routes", INTERNET_GATEWAY, Flow.EGRESS, false));

    private ResourceKinds() {
    }

    static String title(String type) {
        return ResourceTypes.of(type).map(ResourceType::title).orElseGet(() -> ResourceTypes.defaultTitle(type));
    }

    static Tier tier(String type) {
        return ResourceTypes.of(type).map(ResourceType::tier).orElseGet(() -> ResourceTypes.defaultTier(type));
    }

    static int hostRank(String type) {
        var rank = HOSTS.indexOf(type);
        return rank < 0 ? HOSTS.size() : rank;
    }
}
