package spotfleet.infra.offline;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One entry per resource type the stacks declare: everything {@code ./plan}, the offline evaluation and the IAM
 * policies (policies/*.json, judged by DeployRolePolicyTest and PreviewRolePolicyTest) need to know about it. A new
 * type is one entry here, plus its mapping to AWS requests in the contract check (tests/java/spotfleet/contract),
 * which ResourceTypesTest holds to this list; that test fails with an entry to paste when a stack declares a type
 * that has none.
 */
public final class ResourceTypes {

    /** How prominent the architecture picture draws a resource. */
    public enum Tier {
        /** On the path of requests or of outbound traffic. */
        TRAFFIC,
        /** What the traffic path is built on. */
        PLATFORM,
        /** Identity, logs, monitoring, alerts: drawn small and grey. */
        SUPPORT
    }

    /** Outputs AWS (or Docker) would compute, made up from the inputs so wiring can be recognised at the other end. */
    @FunctionalInterface
    public interface MadeUpOutputs {
        void add(Map<String, Object> outputs, String physicalName, Map<String, Object> inputs, String region);
    }

    /**
     * What is known about one type.
     *
     * @param token         the type token, e.g. {@code aws:ecs/service:Service}
     * @param title         what the plan and the picture call it; by default the token's name with spaces before capitals
     * @param tier          how prominent the picture draws it; by default SUPPORT for the modules in {@link #SUPPORT_MODULES}
     * @param keyPaths      the inputs the plan shows first, as paths (KeySettings); empty when it shows all inputs but tags
     * @param readActions   the calls the provider's Read makes (a refresh, a preview): the preview role's actions
     * @param writeActions  the calls its create, update and delete make: with the reads, the deploy role's actions
     * @param madeUpOutputs the outputs the offline evaluation makes up besides the ARN every {@code aws:} resource gets
     */
    public record ResourceType(String token, String title, Tier tier, Optional<List<String>> keyPaths, List<String> readActions,
                               List<String> writeActions, MadeUpOutputs madeUpOutputs) {

        public ResourceType title(String title) {
            return new ResourceType(token, title, tier, keyPaths, readActions, writeActions, madeUpOutputs);
        }

        public ResourceType tier(Tier tier) {
            return new ResourceType(token, title, tier, keyPaths, readActions, writeActions, madeUpOutputs);
        }

        /** The inputs the plan shows; none: it shows no input (its wiring says it all). */
        public ResourceType keySettings(String... paths) {
            return new ResourceType(token, title, tier, Optional.of(List.of(paths)), readActions, writeActions, madeUpOutputs);
        }

        public ResourceType reads(String... actions) {
            return new ResourceType(token, title, tier, keyPaths, List.of(actions), writeActions, madeUpOutputs);
        }

        public ResourceType writes(String... actions) {
            return new ResourceType(token, title, tier, keyPaths, readActions, List.of(actions), madeUpOutputs);
        }

        public ResourceType outputs(MadeUpOutputs outputs) {
            return new ResourceType(token, title, tier, keyPaths, readActions, writeActions, outputs);
        }

        /** Whether the entry says which calls the provider makes for it (none is an answer; leaving them out is not). */
        public boolean statesItsCalls() {
            return readActions != UNSTATED && writeActions != UNSTATED;
        }
    }

    /** Stands for "not stated yet": ResourceTypesTest requires every entry to state its reads and writes, even none. */
    private static final List<String> UNSTATED = List.of("<unstated>");

    /** AWS modules whose resources support the service rather than carry or host it: identity, logs, alerts, buckets. */
    private static final Set<String> SUPPORT_MODULES = Set.of("iam", "cloudwatch", "sns", "kms", "lambda", "appautoscaling", "s3");
    private static final String ACCOUNT = OfflineMocks.ACCOUNT_ID;

    public static final List<ResourceType> ALL = List.of(
            // The files named are terraform-provider-aws's, under internal/service/: reads are its read function's calls,
            // writes those of its create, update and delete, plus the calls AWS checks on the caller's behalf (cited).
            // ec2/vpc_.go, vpc_default_security_group.go (the default group's rules are revoked), vpc_subnet.go,
            // vpc_internet_gateway.go, vpc_nat_gateway.go, ec2_eip.go, vpc_route_table.go, vpc_route_table_association.go
            type("aws:ec2/vpc:Vpc").title("VPC")
                    .keySettings("cidrBlock", "enableDnsSupport", "enableDnsHostnames")
                    .reads("ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeNetworkAcls", "ec2:DescribeRouteTables",
                            "ec2:DescribeSecurityGroups")
                    .writes("ec2:CreateVpc", "ec2:ModifyVpcAttribute", "ec2:DeleteVpc", "ec2:CreateTags", "ec2:DeleteTags"),
            type("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")
                    .keySettings("ingress", "egress")
                    .reads("ec2:DescribeSecurityGroups")
                    .writes("ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:CreateTags"),
            type("aws:ec2/subnet:Subnet").title("subnet").tier(Tier.TRAFFIC)
                    .keySettings("cidrBlock", "availabilityZone", "mapPublicIpOnLaunch")
                    .reads("ec2:DescribeSubnets")
                    .writes("ec2:CreateSubnet", "ec2:ModifySubnetAttribute", "ec2:DeleteSubnet", "ec2:CreateTags"),
            type("aws:ec2/internetGateway:InternetGateway").title("internet gateway").tier(Tier.TRAFFIC)
                    .keySettings()
                    .reads("ec2:DescribeInternetGateways")
                    .writes("ec2:CreateInternetGateway", "ec2:AttachInternetGateway", "ec2:DetachInternetGateway",
                            "ec2:DeleteInternetGateway", "ec2:CreateTags"),
            type("aws:ec2/natGateway:NatGateway").title("NAT gateway").tier(Tier.TRAFFIC)
                    .keySettings("connectivityType")
                    .reads("ec2:DescribeNatGateways")
                    .writes("ec2:CreateNatGateway", "ec2:DeleteNatGateway", "ec2:CreateTags"),
            type("aws:ec2/eip:Eip")
                    .keySettings("domain")
                    .reads("ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute")
                    .writes("ec2:AllocateAddress", "ec2:DisassociateAddress", "ec2:ReleaseAddress", "ec2:CreateTags"),
            type("aws:ec2/routeTable:RouteTable")
                    .keySettings("routes")
                    .reads("ec2:DescribeRouteTables")
                    .writes("ec2:CreateRouteTable", "ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute",
                            "ec2:DeleteRouteTable", "ec2:CreateTags"),
            type("aws:ec2/routeTableAssociation:RouteTableAssociation")
                    .keySettings()
                    .reads("ec2:DescribeRouteTables")
                    .writes("ec2:AssociateRouteTable", "ec2:ReplaceRouteTableAssociation", "ec2:DisassociateRouteTable"),
            // vpc_security_group.go (the default egress rule is revoked on create), vpc_security_group_*_rule.go
            type("aws:ec2/securityGroup:SecurityGroup").title("security group")
                    .keySettings("description", "ingress", "egress")
                    .reads("ec2:DescribeSecurityGroups")
                    .writes("ec2:CreateSecurityGroup", "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
                            "ec2:DeleteSecurityGroup", "ec2:CreateTags"),
            type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                    .keySettings("description", "ipProtocol", "fromPort", "toPort", "cidrIpv4", "referencedSecurityGroupId")
                    .reads("ec2:DescribeSecurityGroupRules", "ec2:DescribeTags")
                    .writes("ec2:AuthorizeSecurityGroupIngress", "ec2:ModifySecurityGroupRules",
                            "ec2:RevokeSecurityGroupIngress", "ec2:CreateTags"),
            type("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
                    .keySettings("description", "ipProtocol", "fromPort", "toPort", "cidrIpv4", "referencedSecurityGroupId")
                    .reads("ec2:DescribeSecurityGroupRules", "ec2:DescribeTags")
                    .writes("ec2:AuthorizeSecurityGroupEgress", "ec2:ModifySecurityGroupRules", "ec2:RevokeSecurityGroupEgress",
                            "ec2:CreateTags"),
            // vpc_flow_log.go: CreateFlowLogs passes the delivery role (iam:PassRole). To S3, AWS checks that the caller may
            // create and delete the log delivery (Amazon VPC User Guide, "IAM roles for publishing flow logs to Amazon S3")
            type("aws:ec2/flowLog:FlowLog").title("VPC flow log").tier(Tier.SUPPORT)
                    .reads("ec2:DescribeFlowLogs")
                    .writes("ec2:CreateFlowLogs", "ec2:DeleteFlowLogs", "ec2:CreateTags", "iam:PassRole",
                            "logs:CreateLogDelivery", "logs:DeleteLogDelivery"),
            // vpc_endpoint.go: create, modify (route tables, policy), delete; its Read looks up the S3 prefix list by
            // the service's name
            type("aws:ec2/vpcEndpoint:VpcEndpoint").title("VPC endpoint")
                    .keySettings("serviceName", "vpcEndpointType")
                    .reads("ec2:DescribeVpcEndpoints", "ec2:DescribePrefixLists")
                    .writes("ec2:CreateVpcEndpoint", "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints", "ec2:CreateTags"),
            // ec2_launch_template.go: each change is a new version, made the default
            type("aws:ec2/launchTemplate:LaunchTemplate")
                    .keySettings("imageId", "metadataOptions", "blockDeviceMappings", "monitoring",
                            "networkInterfaces[*].associatePublicIpAddress", "userData")
                    .reads("ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions")
                    .writes("ec2:CreateLaunchTemplate", "ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate",
                            "ec2:DeleteLaunchTemplate", "ec2:CreateTags")
                    .outputs((outputs, name, inputs, region) -> {
                        outputs.put("latestVersion", 1);
                        outputs.put("defaultVersion", 1);
                    }),
            // elbv2/load_balancer.go, listener.go, listener_rule.go, target_group.go
            type("aws:lb/loadBalancer:LoadBalancer").title("load balancer").tier(Tier.TRAFFIC)
                    .keySettings("loadBalancerType", "internal", "subnets", "dropInvalidHeaderFields",
                            "enableDeletionProtection", "accessLogs")
                    .reads("elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes",
                            "elasticloadbalancing:DescribeCapacityReservation", "elasticloadbalancing:DescribeTags")
                    .writes("elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:ModifyLoadBalancerAttributes",
                            "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets",
                            "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:AddTags",
                            "elasticloadbalancing:RemoveTags", "iam:CreateServiceLinkedRole")
                    .outputs((outputs, name, inputs, region) -> {
                        outputs.put("dnsName", "%s-0000000000.%s.elb.amazonaws.com".formatted(name, region));
                        outputs.put("zoneId", "ZOFFLINEPLACEHOLDER");
                        outputs.put("arnSuffix", "app/%s/0000000000000000".formatted(name));
                    }),
            type("aws:lb/listener:Listener")
                    .keySettings("protocol", "port", "certificateArn", "sslPolicy", "defaultActions")
                    .reads("elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeListenerAttributes",
                            "elasticloadbalancing:DescribeTags")
                    .writes("elasticloadbalancing:CreateListener", "elasticloadbalancing:ModifyListener",
                            "elasticloadbalancing:DeleteListener", "elasticloadbalancing:AddTags",
                            "elasticloadbalancing:RemoveTags"),
            type("aws:lb/listenerRule:ListenerRule")
                    .keySettings("priority", "conditions", "actions[*].type")
                    .reads("elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTags")
                    .writes("elasticloadbalancing:CreateRule", "elasticloadbalancing:ModifyRule",
                            "elasticloadbalancing:SetRulePriorities", "elasticloadbalancing:DeleteRule",
                            "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"),
            type("aws:lb/targetGroup:TargetGroup").title("target group").tier(Tier.TRAFFIC)
                    .keySettings("protocol", "port", "targetType", "deregistrationDelay", "healthCheck")
                    .reads("elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetGroupAttributes",
                            "elasticloadbalancing:DescribeTags")
                    .writes("elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:ModifyTargetGroup",
                            "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:DeleteTargetGroup",
                            "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags")
                    .outputs((outputs, name, inputs, region) ->
                            outputs.put("arnSuffix", "targetgroup/%s/0000000000000000".formatted(name))),
            // acm/certificate.go, certificate_validation.go (waits, reads only); route53/record.go (waits for INSYNC)
            type("aws:acm/certificate:Certificate").title("certificate")
                    .reads("acm:DescribeCertificate", "acm:ListTagsForCertificate")
                    .writes("acm:RequestCertificate", "acm:DeleteCertificate", "acm:AddTagsToCertificate",
                            "acm:RemoveTagsFromCertificate")
                    .outputs((outputs, name, inputs, region) -> outputs.put("domainValidationOptions",
                            List.of(dnsValidationRecord(String.valueOf(inputs.get("domainName")))))),
            type("aws:acm/certificateValidation:CertificateValidation")
                    .reads("acm:DescribeCertificate")
                    .writes(),
            type("aws:route53/record:Record").title("DNS record")
                    .reads("route53:ListResourceRecordSets")
                    .writes("route53:ChangeResourceRecordSets", "route53:GetChange")
                    .outputs((outputs, name, inputs, region) ->
                            outputs.put("fqdn", String.valueOf(inputs.get("name")).replaceAll("\\.$", ""))),
            // ecs/cluster.go, capacity_provider.go, cluster_capacity_providers.go, service.go (delete scales to 0 first),
            // task_definition.go (registering passes the task and execution roles)
            type("aws:ecs/cluster:Cluster").title("ECS cluster")
                    .keySettings("settings")
                    .reads("ecs:DescribeClusters")
                    .writes("ecs:CreateCluster", "ecs:UpdateCluster", "ecs:DeleteCluster", "ecs:TagResource",
                            "ecs:UntagResource", "iam:CreateServiceLinkedRole"),
            type("aws:ecs/capacityProvider:CapacityProvider")
                    .keySettings("autoScalingGroupProvider.managedScaling",
                            "autoScalingGroupProvider.managedTerminationProtection", "autoScalingGroupProvider.managedDraining")
                    .reads("ecs:DescribeCapacityProviders", "ecs:ListTagsForResource")
                    .writes("ecs:CreateCapacityProvider", "ecs:UpdateCapacityProvider", "ecs:DeleteCapacityProvider",
                            "ecs:TagResource", "ecs:UntagResource"),
            type("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders")
                    .keySettings("defaultCapacityProviderStrategies")
                    .reads("ecs:DescribeClusters")
                    .writes("ecs:PutClusterCapacityProviders"),
            type("aws:ecs/service:Service").title("ECS service").tier(Tier.TRAFFIC)
                    .keySettings("desiredCount", "launchType", "capacityProviderStrategies", "deploymentMinimumHealthyPercent",
                            "deploymentMaximumPercent", "deploymentCircuitBreaker", "waitForSteadyState",
                            "healthCheckGracePeriodSeconds", "loadBalancers", "networkConfiguration",
                            "orderedPlacementStrategies", "availabilityZoneRebalancing")
                    .reads("ecs:DescribeServices")
                    .writes("ecs:CreateService", "ecs:UpdateService", "ecs:DeleteService", "ecs:TagResource",
                            "ecs:UntagResource"),
            type("aws:ecs/taskDefinition:TaskDefinition")
                    .keySettings("family", "requiresCompatibilities", "networkMode", "runtimePlatform", "cpu", "memory",
                            "containerDefinitions")
                    .reads("ecs:DescribeTaskDefinition")
                    .writes("ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition", "ecs:TagResource",
                            "ecs:UntagResource", "iam:PassRole")
                    .outputs((outputs, name, inputs, region) -> {
                        var family = String.valueOf(inputs.getOrDefault("family", name));
                        outputs.put("arn", "arn:aws:ecs:%s:%s:task-definition/%s:1".formatted(region, ACCOUNT, family));
                        outputs.put("revision", 1);
                    }),
            // ecr/repository.go (forceDelete deletes the images with it), lifecycle_policy.go, repository_policy.go
            // (findRepositoryPolicyByRepositoryName)
            type("aws:ecr/repository:Repository").title("ECR repository")
                    .keySettings("imageTagMutability", "imageScanningConfiguration", "forceDelete")
                    .reads("ecr:DescribeRepositories", "ecr:ListTagsForResource")
                    .writes("ecr:CreateRepository", "ecr:PutImageTagMutability", "ecr:PutImageScanningConfiguration",
                            "ecr:DeleteRepository", "ecr:TagResource", "ecr:UntagResource")
                    .outputs((outputs, name, inputs, region) -> {
                        outputs.put("repositoryUrl", "%s.dkr.ecr.%s.amazonaws.com/%s".formatted(ACCOUNT, region, name));
                        outputs.put("registryId", ACCOUNT);
                    }),
            type("aws:ecr/lifecyclePolicy:LifecyclePolicy")
                    .keySettings("policy.rules[*].description")
                    .reads("ecr:GetLifecyclePolicy")
                    .writes("ecr:PutLifecyclePolicy", "ecr:DeleteLifecyclePolicy"),
            type("aws:ecr/repositoryPolicy:RepositoryPolicy").title("pull grant")
                    .keySettings("repository", "policy.Statement[*].Principal.AWS", "policy.Statement[*].Action",
                            "policy.Statement[*].Condition.ArnLike")
                    .reads("ecr:GetRepositoryPolicy")
                    .writes("ecr:SetRepositoryPolicy", "ecr:DeleteRepositoryPolicy"),
            // autoscaling/group.go (metrics collection, instance refresh, delete with forceDelete; load balancers, target
            // groups, traffic sources and the warm pool are read back), policy.go. A group from a launch template is checked
            // against the caller's ec2:RunInstances, and the template's instance profile against its iam:PassRole (EC2 Auto
            // Scaling User Guide, "Control Amazon EC2 launch template usage in Auto Scaling groups")
            type("aws:autoscaling/group:Group").title("Auto Scaling group")
                    .keySettings("minSize", "maxSize", "desiredCapacity", "mixedInstancesPolicy.instancesDistribution",
                            "mixedInstancesPolicy.launchTemplate.overrides[*].instanceType", "capacityRebalance",
                            "protectFromScaleIn", "healthCheckType", "healthCheckGracePeriod", "vpcZoneIdentifiers",
                            "instanceRefresh")
                    .reads("autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeLoadBalancers",
                            "autoscaling:DescribeLoadBalancerTargetGroups", "autoscaling:DescribeTrafficSources",
                            "autoscaling:DescribeWarmPool")
                    .writes("autoscaling:CreateAutoScalingGroup", "autoscaling:UpdateAutoScalingGroup",
                            "autoscaling:DeleteAutoScalingGroup", "autoscaling:CreateOrUpdateTags", "autoscaling:DeleteTags",
                            "autoscaling:EnableMetricsCollection", "autoscaling:DisableMetricsCollection",
                            "autoscaling:StartInstanceRefresh", "autoscaling:DescribeInstanceRefreshes",
                            "autoscaling:DescribeScalingActivities", "ec2:RunInstances", "ec2:CreateTags", "iam:PassRole",
                            "iam:CreateServiceLinkedRole"),
            type("aws:autoscaling/policy:Policy")
                    .keySettings("policyType", "targetTrackingConfiguration")
                    .reads("autoscaling:DescribePolicies")
                    .writes("autoscaling:PutScalingPolicy", "autoscaling:DeletePolicy"),
            // appautoscaling/target.go, policy.go; Application Auto Scaling checks the caller's permissions on the
            // target service and CloudWatch (Application Auto Scaling User Guide, identity-based policy examples, "Permissions
            // required for API actions on target services and CloudWatch": ECS's DescribeServices and UpdateService,
            // CloudWatch's DescribeAlarms, PutMetricAlarm and DeleteAlarms)
            type("aws:appautoscaling/target:Target")
                    .keySettings("scalableDimension", "minCapacity", "maxCapacity")
                    .reads("application-autoscaling:DescribeScalableTargets", "application-autoscaling:ListTagsForResource")
                    .writes("application-autoscaling:RegisterScalableTarget",
                            "application-autoscaling:DeregisterScalableTarget", "application-autoscaling:TagResource",
                            "application-autoscaling:UntagResource", "ecs:DescribeServices", "ecs:UpdateService",
                            "iam:CreateServiceLinkedRole"),
            type("aws:appautoscaling/policy:Policy")
                    .keySettings("policyType", "targetTrackingScalingPolicyConfiguration")
                    .reads("application-autoscaling:DescribeScalingPolicies")
                    .writes("application-autoscaling:PutScalingPolicy", "application-autoscaling:DeleteScalingPolicy",
                            "cloudwatch:DescribeAlarms", "cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms"),
            // cloudwatch/dashboard.go, metric_alarm.go; events/rule.go, target.go; logs/group.go
            type("aws:cloudwatch/dashboard:Dashboard").title("dashboard")
                    .keySettings("dashboardName", "dashboardBody.widgets[*].properties.title")
                    .reads("cloudwatch:GetDashboard")
                    .writes("cloudwatch:PutDashboard", "cloudwatch:DeleteDashboards")
                    .outputs((outputs, name, inputs, region) -> outputs.put("dashboardArn",
                            "arn:aws:cloudwatch::%s:dashboard/%s".formatted(ACCOUNT, inputs.get("dashboardName")))),
            type("aws:cloudwatch/metricAlarm:MetricAlarm").title("alarm")
                    .reads("cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource")
                    .writes("cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource",
                            "cloudwatch:UntagResource")
                    .outputs((outputs, name, inputs, region) ->
                            outputs.put("arn", "arn:aws:cloudwatch:%s:%s:alarm:%s".formatted(region, ACCOUNT, name))),
            type("aws:cloudwatch/eventRule:EventRule").title("EventBridge rule")
                    .reads("events:DescribeRule", "events:ListTagsForResource")
                    .writes("events:PutRule", "events:DeleteRule", "events:TagResource", "events:UntagResource")
                    .outputs((outputs, name, inputs, region) ->
                            outputs.put("arn", "arn:aws:events:%s:%s:rule/%s".formatted(region, ACCOUNT, name))),
            type("aws:cloudwatch/eventTarget:EventTarget")
                    .reads("events:ListTargetsByRule")
                    .writes("events:PutTargets", "events:RemoveTargets"),
            type("aws:cloudwatch/logGroup:LogGroup").title("log group")
                    .keySettings("retentionInDays")
                    .reads("logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:ListTagsLogGroup")
                    .writes("logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy",
                            "logs:DeleteLogGroup", "logs:TagResource", "logs:UntagResource")
                    .outputs((outputs, name, inputs, region) ->
                            outputs.put("arn", "arn:aws:logs:%s:%s:log-group:%s".formatted(region, ACCOUNT, name))),
            // iam/role.go (inline and managed policies are read back; delete removes the role from its instance profiles),
            // role_policy.go, role_policy_attachment.go, instance_profile.go (adding the role passes it)
            type("aws:iam/role:Role").title("IAM role")
                    .keySettings("description", "path", "assumeRolePolicy.Statement[*].Principal")
                    .reads("iam:GetRole", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies")
                    .writes("iam:CreateRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole", "iam:TagRole",
                            "iam:UntagRole", "iam:ListInstanceProfilesForRole", "iam:RemoveRoleFromInstanceProfile"),
            type("aws:iam/rolePolicy:RolePolicy")
                    .reads("iam:GetRolePolicy")
                    .writes("iam:PutRolePolicy", "iam:DeleteRolePolicy"),
            type("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
                    .keySettings("policyArn")
                    .reads("iam:ListAttachedRolePolicies")
                    .writes("iam:AttachRolePolicy", "iam:DetachRolePolicy"),
            type("aws:iam/instanceProfile:InstanceProfile")
                    .keySettings()
                    .reads("iam:GetInstanceProfile")
                    .writes("iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile",
                            "iam:DeleteInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile", "iam:PassRole"),
            // kms/key.go (delete schedules the deletion), alias.go
            type("aws:kms/key:Key").title("KMS key")
                    .reads("kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags")
                    .writes("kms:CreateKey", "kms:PutKeyPolicy", "kms:UpdateKeyDescription", "kms:EnableKeyRotation",
                            "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource")
                    .outputs((outputs, name, inputs, region) -> {
                        var keyId = OfflineMocks.uuid(name);
                        outputs.put("keyId", keyId);
                        outputs.put("arn", "arn:aws:kms:%s:%s:key/%s".formatted(region, ACCOUNT, keyId));
                    }),
            type("aws:kms/alias:Alias")
                    .reads("kms:ListAliases")
                    .writes("kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"),
            // lambda/function.go (creating passes the function's role), permission.go
            type("aws:lambda/function:Function").title("Lambda function")
                    .reads("lambda:GetFunction", "lambda:GetFunctionCodeSigningConfig", "lambda:ListVersionsByFunction")
                    .writes("lambda:CreateFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
                            "lambda:DeleteFunction", "lambda:TagResource", "lambda:UntagResource", "iam:PassRole")
                    .outputs((outputs, name, inputs, region) -> {
                        var arn = "arn:aws:lambda:%s:%s:function:%s".formatted(region, ACCOUNT, name);
                        outputs.put("arn", arn);
                        outputs.put("invokeArn",
                                "arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations".formatted(region, arn));
                    }),
            type("aws:lambda/permission:Permission")
                    .reads("lambda:GetPolicy")
                    .writes("lambda:AddPermission", "lambda:RemovePermission"),
            // sns/topic.go, topic_policy.go, topic_subscription.go
            type("aws:sns/topic:Topic").title("SNS topic")
                    .reads("sns:GetTopicAttributes", "sns:ListTagsForResource")
                    .writes("sns:CreateTopic", "sns:SetTopicAttributes", "sns:DeleteTopic", "sns:TagResource",
                            "sns:UntagResource")
                    .outputs((outputs, name, inputs, region) ->
                            outputs.put("arn", "arn:aws:sns:%s:%s:%s".formatted(region, ACCOUNT, name))),
            type("aws:sns/topicPolicy:TopicPolicy")
                    .reads("sns:GetTopicAttributes")
                    .writes("sns:SetTopicAttributes"),
            type("aws:sns/topicSubscription:TopicSubscription")
                    .reads("sns:GetSubscriptionAttributes")
                    .writes("sns:Subscribe", "sns:SetSubscriptionAttributes", "sns:Unsubscribe"),
            // s3/bucket.go (every bucket setting is read back, whether set or not; forceDestroy empties the bucket: its
            // versions listed and deleted), bucket_public_access_block.go, bucket_ownership_controls.go,
            // bucket_server_side_encryption_configuration.go, bucket_lifecycle_configuration.go, bucket_policy.go; a delete
            // of the last four is authorized by the same Put permission
            type("aws:s3/bucketV2:BucketV2").title("S3 bucket")
                    .reads("s3:ListBucket", "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketCORS", "s3:GetBucketWebsite",
                            "s3:GetBucketVersioning", "s3:GetAccelerateConfiguration", "s3:GetBucketRequestPayment",
                            "s3:GetBucketLogging", "s3:GetLifecycleConfiguration", "s3:GetReplicationConfiguration",
                            "s3:GetEncryptionConfiguration", "s3:GetBucketObjectLockConfiguration", "s3:GetBucketTagging")
                    .writes("s3:CreateBucket", "s3:PutBucketTagging", "s3:DeleteBucket", "s3:ListBucketVersions",
                            "s3:DeleteObject", "s3:DeleteObjectVersion")
                    // bucket ARNs name neither a region nor an account: bucket names are global
                    .outputs((outputs, name, inputs, region) -> {
                        outputs.put("arn", "arn:aws:s3:::" + name);
                        outputs.put("bucket", name);
                        outputs.put("bucketDomainName", name + ".s3.amazonaws.com");
                        outputs.put("bucketRegionalDomainName", "%s.s3.%s.amazonaws.com".formatted(name, region));
                    }),
            type("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")
                    .reads("s3:GetBucketPublicAccessBlock")
                    .writes("s3:PutBucketPublicAccessBlock"),
            type("aws:s3/bucketOwnershipControls:BucketOwnershipControls")
                    .reads("s3:GetBucketOwnershipControls")
                    .writes("s3:PutBucketOwnershipControls"),
            type("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")
                    .reads("s3:GetEncryptionConfiguration")
                    .writes("s3:PutEncryptionConfiguration"),
            type("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
                    .reads("s3:GetLifecycleConfiguration")
                    .writes("s3:PutLifecycleConfiguration"),
            type("aws:s3/bucketPolicy:BucketPolicy")
                    .reads("s3:GetBucketPolicy")
                    .writes("s3:PutBucketPolicy", "s3:DeleteBucketPolicy"),
            // fis/experiment_template.go (the response carries the tags; the template names the role FIS runs it with:
            // iam:PassRole, as the FIS User Guide's "Permissions for the FIS service role" requires of its creator)
            type("aws:fis/experimentTemplate:ExperimentTemplate")
                    .reads("fis:GetExperimentTemplate")
                    .writes("fis:CreateExperimentTemplate", "fis:UpdateExperimentTemplate", "fis:DeleteExperimentTemplate",
                            "fis:TagResource", "fis:UntagResource", "iam:PassRole"),
            // The provider itself checks its credentials and learns the account (provider configuration, conns/config.go)
            type("pulumi:providers:aws")
                    .reads("sts:GetCallerIdentity")
                    .writes(),
            // pulumi-docker 4.x: Image's Read returns the state it is given, and a preview builds without pushing; an
            // update builds with the local engine and pushes to the stack's repository with the registry login of
            // getAuthorizationToken: the calls of a docker push to ECR (Amazon ECR User Guide, "Required IAM permissions for
            // pushing an image")
            type("docker:index/image:Image").title("container image")
                    .keySettings("build", "imageName")
                    .reads()
                    .writes("ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                            "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage")
                    // a built and pushed image is named by its digest: <repository>@sha256:<hex>
                    .outputs((outputs, name, inputs, region) -> {
                        var imageName = String.valueOf(inputs.getOrDefault("imageName", "offline/image:latest"));
                        var repository = imageName.contains(":")
                                ? imageName.substring(0, imageName.lastIndexOf(':')) : imageName;
                        outputs.put("repoDigest",
                                repository + "@sha256:" + OfflineMocks.hex(String.valueOf(new TreeMap<>(inputs)), 64));
                    }),
            // The engine reads the source stack's outputs from the Pulumi backend with the job's Pulumi token: no AWS
            // call (the promoting stack's team needs Read on that stack: docs/deploy-credentials.md)
            type("pulumi:pulumi:StackReference").title("promoted image")
                    .keySettings("name")
                    .reads()
                    .writes());

    private static final Map<String, ResourceType> BY_TOKEN = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ResourceType::token, Function.identity()));

    private ResourceTypes() {
    }

    /** The entry of {@code token}, if it has one. */
    public static Optional<ResourceType> of(String token) {
        return Optional.ofNullable(BY_TOKEN.get(token));
    }

    /** A type with its defaults, to be completed by the entry. */
    public static ResourceType type(String token) {
        return new ResourceType(token, defaultTitle(token), defaultTier(token), Optional.empty(), UNSTATED, UNSTATED,
                (outputs, name, inputs, region) -> {
                });
    }

    /** {@code aws:ec2/eip:Eip} is "Eip"; spaces before inner capitals: "Cluster Capacity Providers". */
    public static String defaultTitle(String token) {
        var name = token.substring(token.lastIndexOf(':') + 1);
        return name.replaceAll("(?<=[a-z])(?=[A-Z])", " ");
    }

    public static Tier defaultTier(String token) {
        return module(token).filter(SUPPORT_MODULES::contains).isPresent() ? Tier.SUPPORT : Tier.PLATFORM;
    }

    /** {@code ec2} for {@code aws:ec2/vpc:Vpc}. */
    private static Optional<String> module(String token) {
        var parts = token.split(":");
        return parts.length < 3 ? Optional.empty() : Optional.of(parts[1].split("/")[0]);
    }

    /** ACM's DNS validation: a CNAME under the domain whose name and value depend on the domain and the account. */
    private static Map<String, Object> dnsValidationRecord(String domainName) {
        var token = OfflineMocks.hex(OfflineMocks.ACCOUNT_ID + domainName, 32);
        return Map.of(
                "domainName", domainName,
                "resourceRecordName", "_%s.%s.".formatted(token, domainName),
                "resourceRecordType", "CNAME",
                "resourceRecordValue", "_%s.offline.acm-validations.aws.".formatted(OfflineMocks.hex(token, 32)));
    }

    /** What to paste into {@link #ALL} for a type that has no entry. */
    public static String stub(String token) {
        var module = module(token).orElse("?");
        return """
                            // internal/service/%1$s/<file>.go; add .title(...) or .keySettings(...) if the plan
                            // should call it otherwise or show only some of its inputs
                            type("%2$s")
                                    .reads("%1$s:<each call of its Read>")
                                    .writes("%1$s:<each call of its create, update and delete>"),
                """.formatted(module, token);
    }
}
