package spotfleet.infra;

/** The type tokens tests look resources up by. */
public final class Types {
    public static final String AWS_PROVIDER = "pulumi:providers:aws";
    public static final String VPC = "aws:ec2/vpc:Vpc";
    public static final String DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
    public static final String SUBNET = "aws:ec2/subnet:Subnet";
    public static final String INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";
    public static final String NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
    public static final String VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
    public static final String EIP = "aws:ec2/eip:Eip";
    public static final String ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
    public static final String ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
    public static final String SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
    public static final String INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    public static final String EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
    public static final String LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
    public static final String LISTENER = "aws:lb/listener:Listener";
    public static final String LISTENER_RULE = "aws:lb/listenerRule:ListenerRule";
    public static final String TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
    public static final String ECS_CLUSTER = "aws:ecs/cluster:Cluster";
    public static final String ECR_REPOSITORY = "aws:ecr/repository:Repository";
    public static final String ECR_LIFECYCLE_POLICY = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
    public static final String ECR_REPOSITORY_POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
    public static final String STACK_REFERENCE = "pulumi:pulumi:StackReference";
    public static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    public static final String ROLE = "aws:iam/role:Role";
    public static final String ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    public static final String INSTANCE_PROFILE = "aws:iam/instanceProfile:InstanceProfile";
    public static final String LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
    public static final String AUTO_SCALING_GROUP = "aws:autoscaling/group:Group";
    public static final String AUTO_SCALING_POLICY = "aws:autoscaling/policy:Policy";
    public static final String CAPACITY_PROVIDER = "aws:ecs/capacityProvider:CapacityProvider";
    public static final String CLUSTER_CAPACITY_PROVIDERS = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders";
    public static final String TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
    public static final String ECS_SERVICE = "aws:ecs/service:Service";
    public static final String SCALING_TARGET = "aws:appautoscaling/target:Target";
    public static final String SCALING_POLICY = "aws:appautoscaling/policy:Policy";
    public static final String DOCKER_IMAGE = "docker:index/image:Image";
    public static final String CERTIFICATE = "aws:acm/certificate:Certificate";
    public static final String CERTIFICATE_VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
    public static final String DNS_RECORD = "aws:route53/record:Record";
    public static final String DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
    public static final String METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    public static final String EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
    public static final String EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
    public static final String SNS_TOPIC = "aws:sns/topic:Topic";
    public static final String SNS_TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
    public static final String SNS_SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
    public static final String KMS_KEY = "aws:kms/key:Key";
    public static final String KMS_ALIAS = "aws:kms/alias:Alias";
    public static final String LAMBDA_FUNCTION = "aws:lambda/function:Function";
    public static final String LAMBDA_PERMISSION = "aws:lambda/permission:Permission";
    public static final String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
    public static final String FLOW_LOG = "aws:ec2/flowLog:FlowLog";
    public static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    public static final String BUCKET_PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    public static final String BUCKET_OWNERSHIP_CONTROLS = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
    public static final String BUCKET_ENCRYPTION =
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
    public static final String BUCKET_LIFECYCLE = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
    public static final String EXPERIMENT_TEMPLATE = "aws:fis/experimentTemplate:ExperimentTemplate";
    public static final String BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

    public static final String GET_AVAILABILITY_ZONES = "aws:index/getAvailabilityZones:getAvailabilityZones";
    public static final String GET_PARAMETER = "aws:ssm/getParameter:getParameter";
    public static final String GET_AUTHORIZATION_TOKEN = "aws:ecr/getAuthorizationToken:getAuthorizationToken";
    public static final String GET_ZONE = "aws:route53/getZone:getZone";
    public static final String GET_ELB_SERVICE_ACCOUNT = "aws:elb/getServiceAccount:getServiceAccount";

    private Types() {
    }
}
