package spotfleet.infra.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.contract.ServiceModels;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.offline.DeclaredResource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * policies/deploy-role.json, the least the person or role running {@code pulumi up} and {@code pulumi destroy} needs
 * (docs/first-deploy.md): every call the provider makes to create, update, read and delete each resource type the
 * stacks declare, and nothing else. The reads are PreviewRolePolicyTest's (a deploy refreshes and reads back what it
 * created); the writes are those of terraform-provider-aws's create, update and delete functions of each type (the
 * file under internal/service/ named beside each entry), plus the calls AWS itself checks on the caller's behalf (cited
 * beside them). A type the program starts to declare without an entry here fails the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployRolePolicyTest {

    static final Path POLICY = Path.of("policies/deploy-role.json");

    /** The calls each type's create, update and delete make (tags: the transparent tagging's tag and untag calls). */
    static final Map<String, List<String>> WRITE_ACTIONS = Map.ofEntries(
            // ec2/vpc_.go, vpc_default_security_group.go (the default group's rules are revoked), vpc_subnet.go,
            // vpc_internet_gateway.go, vpc_nat_gateway.go, ec2_eip.go, vpc_route_table.go, vpc_route_table_association.go
            entry("aws:ec2/vpc:Vpc", List.of("ec2:CreateVpc", "ec2:ModifyVpcAttribute", "ec2:DeleteVpc", "ec2:CreateTags",
                    "ec2:DeleteTags")),
            entry("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", List.of("ec2:RevokeSecurityGroupIngress",
                    "ec2:RevokeSecurityGroupEgress", "ec2:CreateTags")),
            entry("aws:ec2/subnet:Subnet", List.of("ec2:CreateSubnet", "ec2:ModifySubnetAttribute", "ec2:DeleteSubnet", "ec2:CreateTags")),
            entry("aws:ec2/internetGateway:InternetGateway", List.of("ec2:CreateInternetGateway", "ec2:AttachInternetGateway",
                    "ec2:DetachInternetGateway", "ec2:DeleteInternetGateway", "ec2:CreateTags")),
            entry("aws:ec2/natGateway:NatGateway", List.of("ec2:CreateNatGateway", "ec2:DeleteNatGateway", "ec2:CreateTags")),
            entry("aws:ec2/eip:Eip", List.of("ec2:AllocateAddress", "ec2:DisassociateAddress", "ec2:ReleaseAddress", "ec2:CreateTags")),
            entry("aws:ec2/routeTable:RouteTable", List.of("ec2:CreateRouteTable", "ec2:CreateRoute", "ec2:ReplaceRoute",
                    "ec2:DeleteRoute", "ec2:DeleteRouteTable", "ec2:CreateTags")),
            entry("aws:ec2/routeTableAssociation:RouteTableAssociation", List.of("ec2:AssociateRouteTable",
                    "ec2:ReplaceRouteTableAssociation", "ec2:DisassociateRouteTable")),
            // vpc_security_group.go (the default egress rule is revoked on create), vpc_security_group_*_rule.go
            entry("aws:ec2/securityGroup:SecurityGroup", List.of("ec2:CreateSecurityGroup", "ec2:RevokeSecurityGroupEgress",
                    "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup", "ec2:CreateTags")),
            entry("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", List.of("ec2:AuthorizeSecurityGroupIngress",
                    "ec2:ModifySecurityGroupRules", "ec2:RevokeSecurityGroupIngress", "ec2:CreateTags")),
            entry("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", List.of("ec2:AuthorizeSecurityGroupEgress",
                    "ec2:ModifySecurityGroupRules", "ec2:RevokeSecurityGroupEgress", "ec2:CreateTags")),
            // vpc_flow_log.go: CreateFlowLogs passes the delivery role (iam:PassRole, PASSED_TO)
            // to S3 (flowLogs: s3) AWS checks that the caller may create and delete the log delivery ("IAM roles for publishing
            // flow logs to Amazon S3": logs:CreateLogDelivery, logs:DeleteLogDelivery, Amazon VPC User Guide)
            entry("aws:ec2/flowLog:FlowLog", List.of("ec2:CreateFlowLogs", "ec2:DeleteFlowLogs", "ec2:CreateTags", "iam:PassRole",
                    "logs:CreateLogDelivery", "logs:DeleteLogDelivery")),
            // vpc_endpoint.go: create, modify (route tables, policy), delete
            entry("aws:ec2/vpcEndpoint:VpcEndpoint", List.of("ec2:CreateVpcEndpoint", "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints",
                    "ec2:CreateTags")),
            // ec2_launch_template.go: each change is a new version, made the default
            entry("aws:ec2/launchTemplate:LaunchTemplate", List.of("ec2:CreateLaunchTemplate", "ec2:CreateLaunchTemplateVersion",
                    "ec2:ModifyLaunchTemplate", "ec2:DeleteLaunchTemplate", "ec2:CreateTags")),
            // elbv2/load_balancer.go, listener.go, listener_rule.go, target_group.go
            entry("aws:lb/loadBalancer:LoadBalancer", List.of("elasticloadbalancing:CreateLoadBalancer",
                    "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetSecurityGroups",
                    "elasticloadbalancing:SetSubnets", "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:AddTags",
                    "elasticloadbalancing:RemoveTags", "iam:CreateServiceLinkedRole")),
            entry("aws:lb/listener:Listener", List.of("elasticloadbalancing:CreateListener", "elasticloadbalancing:ModifyListener",
                    "elasticloadbalancing:DeleteListener", "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags")),
            entry("aws:lb/listenerRule:ListenerRule", List.of("elasticloadbalancing:CreateRule", "elasticloadbalancing:ModifyRule",
                    "elasticloadbalancing:SetRulePriorities", "elasticloadbalancing:DeleteRule", "elasticloadbalancing:AddTags",
                    "elasticloadbalancing:RemoveTags")),
            entry("aws:lb/targetGroup:TargetGroup", List.of("elasticloadbalancing:CreateTargetGroup",
                    "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes",
                    "elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags")),
            // acm/certificate.go, certificate_validation.go (waits, reads only); route53/record.go (waits for INSYNC)
            entry("aws:acm/certificate:Certificate", List.of("acm:RequestCertificate", "acm:DeleteCertificate",
                    "acm:AddTagsToCertificate", "acm:RemoveTagsFromCertificate")),
            entry("aws:acm/certificateValidation:CertificateValidation", List.of()),
            entry("aws:route53/record:Record", List.of("route53:ChangeResourceRecordSets", "route53:GetChange")),
            // ecs/cluster.go, capacity_provider.go, cluster_capacity_providers.go, service.go (delete scales to 0 first),
            // task_definition.go (registering passes the task and execution roles)
            entry("aws:ecs/cluster:Cluster", List.of("ecs:CreateCluster", "ecs:UpdateCluster", "ecs:DeleteCluster",
                    "ecs:TagResource", "ecs:UntagResource", "iam:CreateServiceLinkedRole")),
            entry("aws:ecs/capacityProvider:CapacityProvider", List.of("ecs:CreateCapacityProvider", "ecs:UpdateCapacityProvider",
                    "ecs:DeleteCapacityProvider", "ecs:TagResource", "ecs:UntagResource")),
            entry("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", List.of("ecs:PutClusterCapacityProviders")),
            entry("aws:ecs/service:Service", List.of("ecs:CreateService", "ecs:UpdateService", "ecs:DeleteService",
                    "ecs:TagResource", "ecs:UntagResource")),
            entry("aws:ecs/taskDefinition:TaskDefinition", List.of("ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition",
                    "ecs:TagResource", "ecs:UntagResource", "iam:PassRole")),
            // ecr/repository.go (forceDelete deletes the images with it), lifecycle_policy.go, repository_policy.go
            entry("aws:ecr/repository:Repository", List.of("ecr:CreateRepository", "ecr:PutImageTagMutability",
                    "ecr:PutImageScanningConfiguration", "ecr:DeleteRepository", "ecr:TagResource", "ecr:UntagResource")),
            entry("aws:ecr/lifecyclePolicy:LifecyclePolicy", List.of("ecr:PutLifecyclePolicy", "ecr:DeleteLifecyclePolicy")),
            entry("aws:ecr/repositoryPolicy:RepositoryPolicy", List.of("ecr:SetRepositoryPolicy", "ecr:DeleteRepositoryPolicy")),
            // autoscaling/group.go (metrics collection, instance refresh, delete with forceDelete), policy.go. A group from a
            // launch template is checked against the caller's ec2:RunInstances, and the template's instance profile against
            // its iam:PassRole (EC2 Auto Scaling User Guide, "Control Amazon EC2 launch template usage in Auto Scaling groups")
            entry("aws:autoscaling/group:Group", List.of("autoscaling:CreateAutoScalingGroup", "autoscaling:UpdateAutoScalingGroup",
                    "autoscaling:DeleteAutoScalingGroup", "autoscaling:CreateOrUpdateTags", "autoscaling:DeleteTags",
                    "autoscaling:EnableMetricsCollection", "autoscaling:DisableMetricsCollection",
                    "autoscaling:StartInstanceRefresh", "autoscaling:DescribeInstanceRefreshes",
                    "autoscaling:DescribeScalingActivities", "ec2:RunInstances", "ec2:CreateTags", "iam:PassRole",
                    "iam:CreateServiceLinkedRole")),
            entry("aws:autoscaling/policy:Policy", List.of("autoscaling:PutScalingPolicy", "autoscaling:DeletePolicy")),
            // appautoscaling/target.go, policy.go; Application Auto Scaling checks the caller's permissions on the target
            // service and CloudWatch (Application Auto Scaling User Guide, identity-based policy examples, "Permissions
            // required for API actions on target services and CloudWatch": ECS's DescribeServices and UpdateService,
            // CloudWatch's DescribeAlarms, PutMetricAlarm and DeleteAlarms)
            entry("aws:appautoscaling/target:Target", List.of("application-autoscaling:RegisterScalableTarget",
                    "application-autoscaling:DeregisterScalableTarget", "application-autoscaling:TagResource",
                    "application-autoscaling:UntagResource", "ecs:DescribeServices", "ecs:UpdateService",
                    "iam:CreateServiceLinkedRole")),
            entry("aws:appautoscaling/policy:Policy", List.of("application-autoscaling:PutScalingPolicy",
                    "application-autoscaling:DeleteScalingPolicy", "cloudwatch:DescribeAlarms", "cloudwatch:PutMetricAlarm",
                    "cloudwatch:DeleteAlarms")),
            // cloudwatch/dashboard.go, metric_alarm.go; events/rule.go, target.go; logs/group.go
            entry("aws:cloudwatch/dashboard:Dashboard", List.of("cloudwatch:PutDashboard", "cloudwatch:DeleteDashboards")),
            entry("aws:cloudwatch/metricAlarm:MetricAlarm", List.of("cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms",
                    "cloudwatch:TagResource", "cloudwatch:UntagResource")),
            entry("aws:cloudwatch/eventRule:EventRule", List.of("events:PutRule", "events:DeleteRule", "events:TagResource",
                    "events:UntagResource")),
            entry("aws:cloudwatch/eventTarget:EventTarget", List.of("events:PutTargets", "events:RemoveTargets")),
            entry("aws:cloudwatch/logGroup:LogGroup", List.of("logs:CreateLogGroup", "logs:PutRetentionPolicy",
                    "logs:DeleteRetentionPolicy", "logs:DeleteLogGroup", "logs:TagResource", "logs:UntagResource")),
            // iam/role.go (delete removes the role from its instance profiles), role_policy.go, role_policy_attachment.go,
            // instance_profile.go (adding the role passes it)
            entry("aws:iam/role:Role", List.of("iam:CreateRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole",
                    "iam:TagRole", "iam:UntagRole", "iam:ListInstanceProfilesForRole", "iam:RemoveRoleFromInstanceProfile")),
            entry("aws:iam/rolePolicy:RolePolicy", List.of("iam:PutRolePolicy", "iam:DeleteRolePolicy")),
            entry("aws:iam/rolePolicyAttachment:RolePolicyAttachment", List.of("iam:AttachRolePolicy", "iam:DetachRolePolicy")),
            entry("aws:iam/instanceProfile:InstanceProfile", List.of("iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile",
                    "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile", "iam:TagInstanceProfile",
                    "iam:UntagInstanceProfile", "iam:PassRole")),
            // kms/key.go (delete schedules the deletion), alias.go
            entry("aws:kms/key:Key", List.of("kms:CreateKey", "kms:PutKeyPolicy", "kms:UpdateKeyDescription",
                    "kms:EnableKeyRotation", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource")),
            entry("aws:kms/alias:Alias", List.of("kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias")),
            // lambda/function.go (creating passes the function's role), permission.go
            entry("aws:lambda/function:Function", List.of("lambda:CreateFunction", "lambda:UpdateFunctionCode",
                    "lambda:UpdateFunctionConfiguration", "lambda:DeleteFunction", "lambda:TagResource", "lambda:UntagResource",
                    "iam:PassRole")),
            entry("aws:lambda/permission:Permission", List.of("lambda:AddPermission", "lambda:RemovePermission")),
            // sns/topic.go, topic_policy.go, topic_subscription.go
            entry("aws:sns/topic:Topic", List.of("sns:CreateTopic", "sns:SetTopicAttributes", "sns:DeleteTopic", "sns:TagResource",
                    "sns:UntagResource")),
            entry("aws:sns/topicPolicy:TopicPolicy", List.of("sns:SetTopicAttributes")),
            entry("aws:sns/topicSubscription:TopicSubscription", List.of("sns:Subscribe", "sns:SetSubscriptionAttributes",
                    "sns:Unsubscribe")),
            // s3/bucket.go (forceDestroy empties the bucket: its versions listed and deleted), bucket_public_access_block.go,
            // bucket_ownership_controls.go, bucket_server_side_encryption_configuration.go, bucket_lifecycle_configuration.go,
            // bucket_policy.go; a delete of the last four is authorized by the same Put permission
            entry("aws:s3/bucketV2:BucketV2", List.of("s3:CreateBucket", "s3:PutBucketTagging", "s3:DeleteBucket",
                    "s3:ListBucketVersions", "s3:DeleteObject", "s3:DeleteObjectVersion")),
            entry("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", List.of("s3:PutBucketPublicAccessBlock")),
            entry("aws:s3/bucketOwnershipControls:BucketOwnershipControls", List.of("s3:PutBucketOwnershipControls")),
            entry("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                    List.of("s3:PutEncryptionConfiguration")),
            entry("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", List.of("s3:PutLifecycleConfiguration")),
            entry("aws:s3/bucketPolicy:BucketPolicy", List.of("s3:PutBucketPolicy", "s3:DeleteBucketPolicy")),
            // fis/experiment_template.go (the template names the role FIS runs it with: iam:PassRole, as the FIS User Guide's
            // "Permissions for the FIS service role" requires of whoever creates the template)
            entry("aws:fis/experimentTemplate:ExperimentTemplate", List.of("fis:CreateExperimentTemplate",
                    "fis:UpdateExperimentTemplate", "fis:DeleteExperimentTemplate", "fis:TagResource", "fis:UntagResource",
                    "iam:PassRole")),
            entry("pulumi:providers:aws", List.of()),
            // pulumi-docker 4.x builds with the local engine and pushes to the stack's repository with the registry login of
            // getAuthorizationToken: the calls of a docker push to ECR (Amazon ECR User Guide, "Required IAM permissions for
            // pushing an image")
            entry("docker:index/image:Image", List.of("ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload",
                    "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage")),
            entry("pulumi:pulumi:StackReference", List.of()));

    /** The roles the stacks create are passed to these services, and no role to any other (iam:PassedToService). */
    static final Set<String> PASSED_TO = Set.of("ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "lambda.amazonaws.com",
            "vpc-flow-logs.amazonaws.com", "fis.amazonaws.com");
    /**
     * The service-linked roles a first deploy in a fresh account makes the caller create (each service's guide, "Using
     * service-linked roles"): Elastic Load Balancing's, ECS's, EC2 Auto Scaling's, and Application Auto Scaling's for ECS.
     */
    static final Set<String> SERVICE_LINKED_ROLES = Set.of("elasticloadbalancing.amazonaws.com", "ecs.amazonaws.com",
            "autoscaling.amazonaws.com", "ecs.application-autoscaling.amazonaws.com");

    /** IAM actions whose API operation has another name, or that guard no operation of their own. */
    static final Map<String, String> OPERATION = Map.of(
            "s3:ListBucketVersions", "ListObjectVersions",
            "s3:DeleteObjectVersion", "DeleteObject",
            "s3:PutEncryptionConfiguration", "PutBucketEncryption",
            "s3:PutLifecycleConfiguration", "PutBucketLifecycleConfiguration",
            "s3:PutBucketPublicAccessBlock", "PutPublicAccessBlock");
    /** Permissions AWS checks that are no API operation, with the source that defines them. */
    static final Map<String, String> PERMISSION_ONLY = Map.of(
            "iam:PassRole", "IAM User Guide, \"Grant a user permissions to pass a role to an AWS service\"",
            // vended log deliveries are authorised by these permissions, not API operations of CloudWatch Logs
            "logs:CreateLogDelivery", "Amazon VPC User Guide, \"Publish flow logs to Amazon S3\", IAM permissions of the principal",
            "logs:DeleteLogDelivery", "Amazon VPC User Guide, \"Publish flow logs to Amazon S3\", IAM permissions of the principal");
    /**
     * Operations newer than the botocore 1.29 models (Application Auto Scaling's tagging, March 2023), as
     * PreviewRolePolicyTest.CITED_ONLY: botocore 1.43's application-autoscaling/2016-02-06/service-2.json has both.
     */
    static final Map<String, String> CITED_ONLY = Map.of(
            "application-autoscaling:TagResource",
            "terraform-provider-aws internal/service/appautoscaling/tags_gen.go: updateTags calls conn.TagResource",
            "application-autoscaling:UntagResource",
            "terraform-provider-aws internal/service/appautoscaling/tags_gen.go: updateTags calls conn.UntagResource");

    JsonObject policy;
    Set<String> types;
    Set<String> invokes;
    Set<String> trustedServices;

    @BeforeAll
    void read() throws Exception {
        policy = JsonParser.parseString(Files.readString(POLICY)).getAsJsonObject();
        types = new TreeSet<>();
        invokes = new TreeSet<>();
        trustedServices = new TreeSet<>();
        for (var stack : configs()) {
            for (var resource : stack.resources()) {
                if (!resource.type().startsWith("spotfleet:index:")) {
                    types.add(resource.type());
                }
                if (resource.type().equals("aws:iam/role:Role")) {
                    trustedServices.addAll(principals(resource));
                }
            }
            stack.evaluation().invokes().forEach(invoke -> invokes.add(invoke.token()));
        }
    }

    @Test
    void thePolicyIsAnIamPolicyOfAllowStatementsWithExactActions() {
        assertThat(policy.keySet()).containsExactlyInAnyOrder("Version", "Statement");
        assertThat(policy.get("Version").getAsString()).isEqualTo("2012-10-17");
        assertThat(statements()).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement.keySet()).as("%s", statement).containsAnyOf("Sid").containsAll(List.of("Effect", "Action", "Resource"))
                    .isSubsetOf("Sid", "Effect", "Action", "Resource", "Condition");
            assertThat(statement.get("Sid").getAsString()).matches("[A-Za-z0-9]+");
            assertThat(statement.get("Effect").getAsString()).isEqualTo("Allow");
            assertThat(strings(statement.get("Action"))).isNotEmpty().doesNotHaveDuplicates()
                    .allSatisfy(action -> assertThat(action).matches("[a-z0-9-]+:[A-Z][A-Za-z0-9]+"));
        });
        assertThat(actions()).as("each action in one statement").doesNotHaveDuplicates();
    }

    @Test
    void everyActionIsAnOperationOfItsServiceOrAPermissionAwsDefines() {
        var missing = new ArrayList<String>();
        for (var action : new TreeSet<>(actions())) {
            var prefix = action.substring(0, action.indexOf(':'));
            if (PERMISSION_ONLY.containsKey(action) || CITED_ONLY.containsKey(action) || PreviewRolePolicyTest.CITED_ONLY.containsKey(action)) {
                continue;
            }
            if (PreviewRolePolicyTest.NEWER_THAN_BOTOCORE.containsKey(action)) {
                try {
                    Class.forName(PreviewRolePolicyTest.NEWER_THAN_BOTOCORE.get(action));
                } catch (ClassNotFoundException e) {
                    missing.add(action);
                }
                continue;
            }
            var renamed = PreviewRolePolicyTest.RENAMED.get(action);
            var operation = OPERATION.getOrDefault(action, renamed == null ? action.substring(action.indexOf(':') + 1) : renamed.name());
            assertThat(PreviewRolePolicyTest.BOTOCORE_SERVICE).as("the API model of %s", prefix).containsKey(prefix);
            var operations = ServiceModels.installed().service(PreviewRolePolicyTest.BOTOCORE_SERVICE.get(prefix)).json()
                    .getAsJsonObject("operations");
            if (!operations.has(operation)) {
                missing.add(action + " (" + operation + ")");
            }
        }
        assertThat(missing).as("actions that are no operation of their service's API model").isEmpty();
    }

    @Test
    void everyTypeAndInvokeOfEveryStackHasItsCallsAndNothingMoreIsAllowed() {
        // given what the stacks declare and invoke
        var unknown = new TreeSet<>(types);
        unknown.removeAll(WRITE_ACTIONS.keySet());
        // when: its reads (as a preview makes them), its writes and the invokes' calls
        var needed = new TreeSet<String>();
        types.forEach(type -> {
            needed.addAll(PreviewRolePolicyTest.READ_ACTIONS.getOrDefault(type, List.of()));
            needed.addAll(WRITE_ACTIONS.getOrDefault(type, List.of()));
        });
        invokes.forEach(token -> needed.addAll(PreviewRolePolicyTest.INVOKE_ACTIONS.getOrDefault(token, List.of())));
        // then
        assertThat(unknown).as("resource types without their create, update and delete calls in WRITE_ACTIONS").isEmpty();
        assertThat(new TreeSet<>(actions())).as("the policy's actions, against what the stacks need").isEqualTo(needed);
        var stale = new TreeSet<>(WRITE_ACTIONS.keySet());
        stale.removeAll(types);
        assertThat(stale).as("entries for types no stack declares").isEmpty();
    }

    @Test
    void rolesArePassedOnlyToTheServicesTheStacksRolesTrust() {
        // given the one statement that allows iam:PassRole
        var passRole = statementWith("iam:PassRole");
        // when / then: only PassRole in it, only to the services the declared roles trust
        assertThat(strings(passRole.get("Action"))).containsExactly("iam:PassRole");
        assertThat(trustedServices).isEqualTo(new TreeSet<>(PASSED_TO));
        assertThat(strings(passRole.getAsJsonObject("Condition").getAsJsonObject("StringEquals").get("iam:PassedToService")))
                .containsExactlyInAnyOrderElementsOf(PASSED_TO);
    }

    @Test
    void serviceLinkedRolesOnlyForTheServicesTheStackUses() {
        var linked = statementWith("iam:CreateServiceLinkedRole");
        assertThat(strings(linked.get("Action"))).containsExactly("iam:CreateServiceLinkedRole");
        assertThat(strings(linked.getAsJsonObject("Condition").getAsJsonObject("StringEquals").get("iam:AWSServiceName")))
                .containsExactlyInAnyOrderElementsOf(SERVICE_LINKED_ROLES);
    }

    @Test
    void theAmiParameterIsReadOnlyFromAwsPublicParameters() {
        var parameter = statementWith("ssm:GetParameter");
        assertThat(strings(parameter.get("Action"))).containsExactly("ssm:GetParameter");
        assertThat(strings(parameter.get("Resource"))).containsExactly(PreviewRolePolicyTest.PUBLIC_PARAMETERS);
        assertThat(statements()).filteredOn(statement -> !statement.has("Condition") && statement != parameter)
                .allSatisfy(statement -> assertThat(strings(statement.get("Resource"))).containsExactly("*"));
    }

    private JsonObject statementWith(String action) {
        return statements().stream().filter(statement -> strings(statement.get("Action")).contains(action)).findFirst().orElseThrow();
    }

    /** The Service principals of a role's trust policy. */
    private static Set<String> principals(DeclaredResource role) {
        var services = new TreeSet<String>();
        var trust = JsonParser.parseString(String.valueOf(role.inputs().get("assumeRolePolicy"))).getAsJsonObject();
        trust.getAsJsonArray("Statement").forEach(statement -> {
            var principal = statement.getAsJsonObject().getAsJsonObject("Principal");
            if (principal != null && principal.has("Service")) {
                services.addAll(strings(principal.get("Service")));
            }
        });
        return services;
    }

    private static List<DeclaredStack> configs() throws Exception {
        return PreviewRolePolicyTest.configs();
    }

    private List<JsonObject> statements() {
        return policy.getAsJsonArray("Statement").asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    private List<String> actions() {
        return statements().stream().flatMap(statement -> strings(statement.get("Action")).stream()).toList();
    }

    private static List<String> strings(JsonElement element) {
        return element.isJsonArray() ? element.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList()
                : List.of(element.getAsString());
    }
}
