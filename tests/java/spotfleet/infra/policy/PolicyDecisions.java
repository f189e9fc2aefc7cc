package spotfleet.infra.policy;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.util.Map.entry;
import static spotfleet.infra.Types.*;

/**
 * For every resource type the program declares, the policy suite's decision: the checks that cover it, or why it needs
 * none. {@link ResourceInventoryTest} fails when the program declares a type missing here, so a new kind of resource
 * cannot arrive unreviewed.
 */
final class PolicyDecisions {

    /** Component resources only group their children (which are checked by their own types); they create nothing in AWS. */
    static final String COMPONENT_TYPES = "spotfleet:index:";

    /** The checks (test method names of the policy suite) that cover a type, or why none is needed. */
    record Decision(List<String> checks, String noCheckBecause) {
        static Decision checkedBy(String... checks) {
            return new Decision(List.of(checks), "");
        }

        static Decision nothingToCheck(String because) {
            return new Decision(List.of(), because);
        }
    }

    static final Map<String, Decision> BY_TYPE = Map.ofEntries(
            entry(AWS_PROVIDER, Decision.checkedBy("everyAwsResourceIsManagedByTheTaggingProvider")),
            // network
            entry(VPC, Decision.checkedBy("everyVpcHasItsDefaultSecurityGroupEmptied", "everyVpcLogsTheTrafficItRejects")),
            entry(FLOW_LOG, Decision.checkedBy("everyVpcLogsTheTrafficItRejects")),
            entry(DEFAULT_SECURITY_GROUP, Decision.checkedBy("securityGroupsHaveNoInlineRules", "everyVpcHasItsDefaultSecurityGroupEmptied")),
            entry(SUBNET, Decision.checkedBy("subnetsAssignNoPublicIps", "workloadsLiveBehindNatOrInPublicSubnetsWithoutIt")),
            entry(INTERNET_GATEWAY, Decision.checkedBy("workloadsLiveBehindNatOrInPublicSubnetsWithoutIt")),
            entry(NAT_GATEWAY, Decision.checkedBy("workloadsLiveBehindNatOrInPublicSubnetsWithoutIt")),
            entry(EIP, Decision.nothingToCheck("the NAT gateways' public addresses: outbound only, nothing listens on them")),
            entry(ROUTE_TABLE, Decision.checkedBy("workloadsLiveBehindNatOrInPublicSubnetsWithoutIt",
                    "privateRouteTablesReachS3ThroughTheGatewayEndpoint")),
            entry(VPC_ENDPOINT, Decision.checkedBy("privateRouteTablesReachS3ThroughTheGatewayEndpoint")),
            entry(ROUTE_TABLE_ASSOCIATION, Decision.checkedBy("workloadsLiveBehindNatOrInPublicSubnetsWithoutIt")),
            entry(SECURITY_GROUP, Decision.checkedBy("securityGroupsHaveNoInlineRules", "onlyTheLoadBalancerAdmitsTheInternet",
                    "instancesAdmitOnlyTheLoadBalancerOnTheEphemeralPorts", "theLoadBalancerSendsOnlyToTheInstances")),
            entry(INGRESS_RULE, Decision.checkedBy("onlyTheLoadBalancerAdmitsTheInternet",
                    "instancesAdmitOnlyTheLoadBalancerOnTheEphemeralPorts", "noRuleAdmitsSshOrRdp")),
            entry(EGRESS_RULE, Decision.checkedBy("theLoadBalancerSendsOnlyToTheInstances")),
            // load balancer and HTTPS
            entry(LOAD_BALANCER, Decision.checkedBy("loadBalancerDropsInvalidHeaderFields", "loadBalancerMitigatesRequestDesync",
                    "loadBalancerSpansTwoOrMoreAzs", "loadBalancerLogsEveryRequestToABucketOfTheStack",
                    "awsRefusesToDeleteTheLoadBalancerTheImagesAndTheLogsWhenAsked")),
            // the access log bucket
            entry(BUCKET, Decision.checkedBy("loadBalancerLogsEveryRequestToABucketOfTheStack", "everyBucketBlocksAllPublicAccess",
                    "everyBucketRefusesRequestsWithoutTls", "everyBucketIsEncryptedWithS3KeysAndOwnsItsObjects",
                    "everyBucketExpiresItsObjectsAfterTheLogRetention", "onlyLogDeliveryWritesToTheLogBucket",
                    "pulumiProtectsExactlyTheStatefulResourcesWhenAsked", "awsRefusesToDeleteTheLoadBalancerTheImagesAndTheLogsWhenAsked")),
            entry(BUCKET_PUBLIC_ACCESS_BLOCK, Decision.checkedBy("everyBucketBlocksAllPublicAccess")),
            entry(BUCKET_OWNERSHIP_CONTROLS, Decision.checkedBy("everyBucketIsEncryptedWithS3KeysAndOwnsItsObjects")),
            entry(BUCKET_ENCRYPTION, Decision.checkedBy("everyBucketIsEncryptedWithS3KeysAndOwnsItsObjects")),
            entry(BUCKET_LIFECYCLE, Decision.checkedBy("everyBucketExpiresItsObjectsAfterTheLogRetention")),
            entry(BUCKET_POLICY, Decision.checkedBy("everyBucketRefusesRequestsWithoutTls", "onlyLogDeliveryWritesToTheLogBucket",
                    "loadBalancerLogsEveryRequestToABucketOfTheStack")),
            entry(LISTENER, Decision.checkedBy("listenersServeOnlyHttpAndHttps", "httpOnlyRedirectsToHttpsWithADomain",
                    "httpsUsesACurrentTlsPolicyAndAValidatedCertificate")),
            entry(LISTENER_RULE, Decision.checkedBy("httpOnlyRedirectsToHttpsWithADomain")),
            entry(TARGET_GROUP, Decision.checkedBy("theLoadBalancerChecksTheAppsHealthRoute", "stoppingATaskFitsInsideTheSpotNotice")),
            entry(CERTIFICATE, Decision.checkedBy("httpsUsesACurrentTlsPolicyAndAValidatedCertificate")),
            entry(CERTIFICATE_VALIDATION, Decision.checkedBy("httpsUsesACurrentTlsPolicyAndAValidatedCertificate")),
            entry(DNS_RECORD, Decision.nothingToCheck("public DNS names (the alias and ACM's validation record): they grant"
                    + " nothing and hold no data")),
            // instances
            entry(LAUNCH_TEMPLATE, Decision.checkedBy("launchTemplateRequiresImdsV2", "launchTemplateLimitsMetadataToOneHop",
                    "instancesGetAPublicIpOnlyWithoutNat", "rootVolumeIsEncrypted", "instancesDrainTasksBeforeSpotInterruptions")),
            entry(AUTO_SCALING_GROUP, Decision.checkedBy("autoScalingGroupSpansTwoOrMoreAzs", "autoScalingGroupMixesTwoOrMoreInstanceTypes",
                    "capacityRebalanceIsOn", "autoScalingGroupLaunchesFromTheLaunchTemplate", "instancesGetAPublicIpOnlyWithoutNat")),
            entry(CAPACITY_PROVIDER, Decision.checkedBy("instancesDrainTasksBeforeSpotInterruptions")),
            entry(CLUSTER_CAPACITY_PROVIDERS, Decision.nothingToCheck("names the capacity provider the cluster places tasks with;"
                    + " grants nothing, holds no data")),
            entry(INSTANCE_PROFILE, Decision.nothingToCheck("carries the instance role to EC2; the role's trust and policies are"
                    + " checked as Role and RolePolicyAttachment")),
            // IAM
            entry(ROLE, Decision.checkedBy("rolesTrustOnlyAwsServicesOfThisAccount", "theSpotInterruptionDrillInterruptsOneInstanceOfTheSpotGroupOnly", "theServicesTaskRoleHasNoPermissions",
                    "onlyTheAllowedAwsManagedPoliciesAreAttached", "onlyTheRolesThatPullLiveUnderTheStacksPullPath")),
            entry(ROLE_POLICY_ATTACHMENT, Decision.checkedBy("onlyTheAllowedAwsManagedPoliciesAreAttached")),
            entry(ROLE_POLICY, Decision.checkedBy("rolePoliciesGrantNoWildcardActions", "rolePoliciesGrantAllResourcesOnlyForActionsAwsCannotScope",
                    "theSpotInterruptionDrillInterruptsOneInstanceOfTheSpotGroupOnly",
                    "theExecutionRolePullsOnlyItsImagesRepositoryAndReadsOnlyItsSecrets")),
            // the service
            entry(ECS_CLUSTER, Decision.checkedBy("noAlarmWaitsOnContainerInsightsTheClusterDoesNotPublish")),
            entry(TASK_DEFINITION, Decision.checkedBy("containersAreNotPrivileged", "containerRootFilesystemsAreReadOnly",
                    "tasksShareNoNamespaceWithTheInstance", "containersLogToADeclaredLogGroup", "noSecretsInPlainEnvironmentVariables",
                    "theServiceRunsItsImageByDigest", "stoppingATaskFitsInsideTheSpotNotice")),
            entry(ECS_SERVICE, Decision.checkedBy("tasksSpreadOverAzsAndPackWithinEach", "deploymentsKeepCapacityAndRollBackOnFailure")),
            entry(SCALING_TARGET, Decision.nothingToCheck("the task count's bounds: grants nothing, holds no data")),
            entry(SCALING_POLICY, Decision.nothingToCheck("target tracking on CPU or on requests per task: grants nothing, holds no data")),
            entry(ECR_REPOSITORY, Decision.checkedBy("imageRepositoryScansOnPushAndExpiresOldImages", "tagsMayMoveBecauseTasksPinDigests",
                    "pulumiProtectsExactlyTheStatefulResourcesWhenAsked", "awsRefusesToDeleteTheLoadBalancerTheImagesAndTheLogsWhenAsked")),
            entry(ECR_LIFECYCLE_POLICY, Decision.checkedBy("imageRepositoryScansOnPushAndExpiresOldImages")),
            entry(ECR_REPOSITORY_POLICY, Decision.checkedBy("imageRepositoriesLetOnlyThePromotionTargetsExecutionRolesPull")),
            entry(STACK_REFERENCE, Decision.nothingToCheck("reads the promotion source's outputs from the Pulumi backend: creates"
                    + " nothing in AWS and grants nothing; the program checks what it reads (digest, platform, pull grant) before the"
                    + " task definition uses it, and theExecutionRolePullsOnlyItsImagesRepositoryAndReadsOnlyItsSecrets checks the"
                    + " permissions that follow from it")),
            entry(DOCKER_IMAGE, Decision.nothingToCheck("built on the deploying machine from app/Dockerfile and pushed to the checked"
                    + " repository; the recipe (non-root user, pinned base images) is checked by the app's DockerfileCommandIT,"
                    + " the image's packages by the scan on push")),
            // logs, monitoring, alerts
            entry(LOG_GROUP, Decision.checkedBy("everyLogGroupHasARetention", "pulumiProtectsExactlyTheStatefulResourcesWhenAsked")),
            entry(METRIC_ALARM, Decision.checkedBy("noAlarmWaitsOnContainerInsightsTheClusterDoesNotPublish", "everyAlarmNotifiesTheAlertTopic", "alarmWindowsAreOnesCloudWatchAccepts",
                    "theAlertTopicAdmitsEveryAlarmAndRuleThatNotifiesIt", "functionsAlarmOnTheirErrors")),
            entry(DASHBOARD, Decision.nothingToCheck("a view of metrics: grants nothing, holds no data")),
            entry(SNS_TOPIC, Decision.checkedBy("alertsAreEncryptedWithARotatingKeyAndDeliveredOverTls", "everyAlarmNotifiesTheAlertTopic")),
            entry(SNS_TOPIC_POLICY, Decision.checkedBy("theAlertTopicAcceptsOnlyThisStacksAlarmsAndRulesOverTls",
                    "theAlertTopicAdmitsEveryAlarmAndRuleThatNotifiesIt")),
            entry(SNS_SUBSCRIPTION, Decision.checkedBy("alertsAreEncryptedWithARotatingKeyAndDeliveredOverTls")),
            entry(KMS_KEY, Decision.checkedBy("theAlertKeyIsAdministeredThroughIamAndUsedOnlyByThePublishers",
                    "alertsAreEncryptedWithARotatingKeyAndDeliveredOverTls")),
            entry(KMS_ALIAS, Decision.nothingToCheck("a name for the key: grants nothing")),
            entry(EVENT_RULE, Decision.checkedBy("functionsAreInvokedOnlyByThisStacksRules", "theAlertTopicAcceptsOnlyThisStacksAlarmsAndRulesOverTls")),
            entry(EVENT_TARGET, Decision.checkedBy("functionsAreInvokedOnlyByThisStacksRules", "theAlertTopicAcceptsOnlyThisStacksAlarmsAndRulesOverTls",
                    "theAlertTopicAdmitsEveryAlarmAndRuleThatNotifiesIt")),
            entry(LAMBDA_FUNCTION, Decision.checkedBy("functionsRunASupportedRuntime", "functionsLogToADeclaredLogGroup",
                    "noSecretsInPlainEnvironmentVariables", "functionsAlarmOnTheirErrors")),
            entry(LAMBDA_PERMISSION, Decision.checkedBy("functionsAreInvokedOnlyByThisStacksRules")),
            // the Spot interruption drill (spotfleet:spotInterruptionDrill)
            entry(EXPERIMENT_TEMPLATE, Decision.checkedBy("theSpotInterruptionDrillInterruptsOneInstanceOfTheSpotGroupOnly")));

    /** The classes of the policy suite, whose {@link PolicyCheck} methods the decisions name. */
    static final List<Class<?>> SUITE = List.of(ComputePolicyTest.class, NetworkPolicyTest.class, LoadBalancerPolicyTest.class,
            IamPolicyTest.class, ContainerPolicyTest.class, ServiceReliabilityPolicyTest.class, LoggingAndMonitoringPolicyTest.class,
            BucketPolicyTest.class, StatefulResourcesPolicyTest.class, ResourceInventoryTest.class,
            SpotInterruptionDrillPolicyTest.class);

    private PolicyDecisions() {
    }

    /** The names of the suite's checks: its {@link PolicyCheck} methods. */
    static SortedSet<String> checkNames() {
        return SUITE.stream()
                .flatMap(suite -> Arrays.stream(suite.getDeclaredMethods()))
                .filter(method -> method.isAnnotationPresent(PolicyCheck.class))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
