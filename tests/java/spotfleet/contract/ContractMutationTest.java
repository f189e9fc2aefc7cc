package spotfleet.contract;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof that the contract check catches what it claims to: for each kind of check, a real plan with one value made
 * bad is reported exactly (resource, plan property, request member, model shape, rule), and the untouched resource
 * is not. Each case names what AWS says about the value it breaks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractMutationTest {

    ContractCheck check;

    @BeforeAll
    void load() {
        // Debian's botocore 1.29, the floor: the cases' expected kinds (allow-listed members checked against the SDK...)
        // are those of the models the allow-list is written against. AwsContractTest passes the stacks on the newest too.
        check = ContractCheck.standard(ServiceModels.floorRequired());
    }

    /** What the finding must say: where the bad value came from, where it went, and which rule it broke. */
    record Expect(String planPath, String request, String memberPath, String shape, CheckKind kind, String message) {
    }

    /** One mutation: in {@code stack}, resource {@code resource} changed by {@code change}. */
    record Case(String name, String stack, String resource, UnaryOperator<PlanResource> change, Expect expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadValueIsReportedExactlyAsWhatItBreaks(Case mutation) {
        // given a real plan, and one of its resources with one value made bad
        var stack = ContractStacks.named(mutation.stack());
        var resource = stack.resources().stream().filter(r -> r.name().equals(mutation.resource())).findFirst().orElseThrow();
        var changed = mutation.change().apply(resource);

        // when the check runs on the resource as it was, and as changed
        var before = check.run(List.of(only(stack, resource))).findings();
        var after = check.run(List.of(only(stack, changed))).findings();

        // then only the change is reported, once, naming the property, the request member, the shape and the rule
        assertThat(before).as("the unchanged %s", resource.label()).isEmpty();
        var expect = mutation.expect();
        if (expect.kind() == null) {
            assertThat(after).as("a value only a deploy knows is not checked").isEmpty();
            return;
        }
        assertThat(after).singleElement().satisfies(finding -> {
            assertThat(finding.stack()).isEqualTo(mutation.stack());
            assertThat(finding.resourceName()).isEqualTo(mutation.resource());
            assertThat(finding.planPath()).isEqualTo(expect.planPath());
            assertThat(finding.request()).isEqualTo(expect.request());
            assertThat(finding.memberPath()).isEqualTo(expect.memberPath());
            assertThat(finding.shape()).isEqualTo(expect.shape());
            assertThat(finding.kind()).isEqualTo(expect.kind());
            assertThat(finding.message()).contains(expect.message());
        });
    }

    /** The stack's provider (its default tags) and the one resource under test. */
    static PlannedStack only(PlannedStack stack, PlanResource resource) {
        var provider = stack.resources().stream().filter(r -> r.type().equals(PlannedStack.AWS_PROVIDER)).toList();
        return new PlannedStack(stack.stack(), stack.source(), Stream.concat(provider.stream(), Stream.of(resource)).toList());
    }

    static UnaryOperator<PlanResource> set(String path, Object value) {
        return r -> PlanMutations.set(r, path, value);
    }

    /** Replaces {@code from} by {@code to} in the text at {@code path} (a JSON document), which must contain it. */
    static UnaryOperator<PlanResource> edit(String path, String from, String to) {
        return r -> PlanMutations.set(r, path, old -> {
            assertThat(String.valueOf(old)).contains(from);
            return String.valueOf(old).replace(from, to);
        });
    }

    static Case mutation(String name, String stack, String resource, UnaryOperator<PlanResource> change, String planPath,
                         String request, String memberPath, String shape, CheckKind kind, String message) {
        return new Case(name, stack, resource, change, new Expect(planPath, request, memberPath, shape, kind, message));
    }

    static Stream<Case> cases() {
        return Stream.of(modelCases(), documentedCases(), documentCases(), mappingCases()).flatMap(s -> s);
    }

    /** The model's own constraints: type, enum, range, length, pattern, required, size, member. */
    static Stream<Case> modelCases() {
        var tg = "elbv2 CreateTargetGroup";
        return Stream.of(
                mutation("type: a port as text", "dev", "web-tg", set("port", "5000"),
                        "port", tg, "Port", "elbv2:Port", CheckKind.TYPE, "expected a whole number (Port is integer), not \"5000\""),
                mutation("type: a flag as text", "dev", "capacity-asg", set("capacityRebalance", "yes"),
                        "capacityRebalance", "autoscaling CreateAutoScalingGroup", "CapacityRebalance",
                        "autoscaling:CapacityRebalanceEnabled", CheckKind.TYPE, "expected a boolean"),
                mutation("enum: a target group protocol ELB does not have", "dev", "web-tg", set("protocol", "HTTP2"),
                        "protocol", tg, "Protocol", "elbv2:ProtocolEnum", CheckKind.ENUM, "\"HTTP2\" is not one of ProtocolEnum's values"),
                mutation("enum: ECS tag propagation", "prod", "web-service", set("propagateTags", "ALL"),
                        "propagateTags", "ecs CreateService", "propagateTags", "ecs:PropagateTags", CheckKind.ENUM, "\"ALL\" is not one of"),
                mutation("enum: a server-side encryption S3 does not have", "dev", "accesslogs-encryption",
                        set("rules[0].applyServerSideEncryptionByDefault.sseAlgorithm", "AES128"),
                        "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm", "s3 PutBucketEncryption",
                        "ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm",
                        "s3:ServerSideEncryption", CheckKind.ENUM, "\"AES128\" is not one of ServerSideEncryption's values"),
                mutation("enum: an object ownership S3 does not have", "dev", "accesslogs-ownership",
                        set("rule.objectOwnership", "BucketOwnerOnly"), "rule.objectOwnership", "s3 PutBucketOwnershipControls",
                        "OwnershipControls.Rules[0].ObjectOwnership", "s3:ObjectOwnership", CheckKind.ENUM,
                        "\"BucketOwnerOnly\" is not one of ObjectOwnership's values"),
                mutation("type: a public access block setting as text", "prod", "accesslogs-public-access",
                        set("blockPublicAcls", "yes"), "blockPublicAcls", "s3 PutPublicAccessBlock",
                        "PublicAccessBlockConfiguration.BlockPublicAcls", "s3:Setting", CheckKind.TYPE, "expected a boolean"),
                mutation("range: a health check interval above 300", "dev", "web-tg", set("healthCheck.interval", 400.0),
                        "healthCheck.interval", tg, "HealthCheckIntervalSeconds", "elbv2:HealthCheckIntervalSeconds",
                        CheckKind.RANGE, "400 is outside HealthCheckIntervalSeconds's range [5..300]"),
                mutation("range: a capacity provider target of 0", "dev", "capacity-provider",
                        set("autoScalingGroupProvider.managedScaling.targetCapacity", 0.0),
                        "autoScalingGroupProvider.managedScaling.targetCapacity", "ecs CreateCapacityProvider",
                        "autoScalingGroupProvider.managedScaling.targetCapacity", "ecs:ManagedScalingTargetCapacity",
                        CheckKind.RANGE, "[1..100]"),
                mutation("length: an alarm description over 1024 characters", "prod", "alarms-p99-latency",
                        set("alarmDescription", "x".repeat(1025)), "alarmDescription", "cloudwatch PutMetricAlarm",
                        "AlarmDescription", "cloudwatch:AlarmDescription", CheckKind.LENGTH, "1025 characters, outside AlarmDescription's length [0..1024]"),
                mutation("length: a Lambda description over 256 characters", "dev", "fleetwatch-function",
                        set("description", "y".repeat(300)), "description", "lambda CreateFunction", "Description",
                        "lambda:Description", CheckKind.LENGTH, "300 characters"),
                mutation("length: an FIS experiment template description over 512 characters", "acceptance",
                        "spotinterruption-template", set("description", "z".repeat(513)), "description",
                        "fis CreateExperimentTemplate", "description", "fis:ExperimentTemplateDescription", CheckKind.LENGTH,
                        "513 characters"),
                mutation("length: an FIS target's resource type, through the provider's list-to-map conversion", "acceptance",
                        "spotinterruption-template", set("targets[0].resourceType", "aws:ec2:" + "s".repeat(130)),
                        "targets.one-spot-instance.resourceType",
                        "fis CreateExperimentTemplate", "targets.one-spot-instance.resourceType", "fis:TargetResourceTypeId",
                        CheckKind.LENGTH, "outside TargetResourceTypeId's length"),
                mutation("pattern: a control character in a role description", "dev", "web-task-role",
                        set("description", "tasks\u0007role"), "description", "iam CreateRole", "Description",
                        "iam:roleDescriptionType", CheckKind.PATTERN, "does not match roleDescriptionType's pattern"),
                mutation("pattern: a Lambda environment variable name starting with a digit", "dev", "fleetwatch-function",
                        r -> PlanMutations.set(r, "environment.variables.1STACK", "x"), "environment.variables.1STACK",
                        "lambda CreateFunction", "Environment.Variables.1STACK", "lambda:EnvironmentVariableName",
                        CheckKind.PATTERN, "\"1STACK\" does not match"),
                mutation("range: an instance refresh keeping more than 100% healthy", "prod", "capacity-asg",
                        set("instanceRefresh.preferences.minHealthyPercentage", 120.0),
                        "instanceRefresh.preferences.minHealthyPercentage", "autoscaling StartInstanceRefresh",
                        "Preferences.MinHealthyPercentage", "autoscaling:IntPercent", CheckKind.RANGE, "120 is outside IntPercent's range [0..100]"),
                mutation("allow-list: an allow-listed member's value the AWS SDK's enum does not have", "prod", "capacity-asg",
                        set("instanceRefresh.preferences.scaleInProtectedInstances", "Skip"),
                        "instanceRefresh.preferences.scaleInProtectedInstances", "autoscaling StartInstanceRefresh",
                        "Preferences.ScaleInProtectedInstances", "autoscaling:RefreshPreferences", CheckKind.ALLOW_LIST,
                        "\"Skip\" is not a value of software.amazon.awssdk.services.autoscaling.model.ScaleInProtectedInstances"),
                mutation("required: a task definition without its family", "dev", "web-task", set("family", PlanMutations.REMOVED),
                        "(request)", "ecs RegisterTaskDefinition", "family", "ecs:RegisterTaskDefinitionRequest",
                        CheckKind.REQUIRED, "required member family of RegisterTaskDefinitionRequest is missing"),
                mutation("required: a listener rule without its priority", "dev", "web-rule", set("priority", PlanMutations.REMOVED),
                        "(request)", "elbv2 CreateRule", "Priority", "elbv2:CreateRuleInput", CheckKind.REQUIRED, "required member Priority"),
                mutation("size: a Lambda function with two architectures", "dev", "fleetwatch-function",
                        set("architectures", List.of("x86_64", "arm64")), "architectures", "lambda CreateFunction", "Architectures",
                        "lambda:ArchitecturesList", CheckKind.SIZE, "2 items, outside ArchitecturesList's [1..1]"),
                mutation("member: a setting the Auto Scaling API does not have", "dev", "capacity-asg",
                        set("mixedInstancesPolicy.instancesDistribution.spotPools", 2.0),
                        "mixedInstancesPolicy.instancesDistribution.spotPools", "autoscaling CreateAutoScalingGroup",
                        "MixedInstancesPolicy.InstancesDistribution.SpotPools", "autoscaling:InstancesDistribution", CheckKind.MEMBER,
                        "InstancesDistribution has no member SpotPools"),
                mutation("member: a misspelt container definition key (JSON the provider would silently drop)", "dev", "web-task",
                        edit("containerDefinitions", "\"logConfiguration\"", "\"logConfig\""),
                        "containerDefinitions(json)[0].logConfig", "ecs RegisterTaskDefinition", "containerDefinitions[0].logConfig",
                        "ecs:ContainerDefinition", CheckKind.MEMBER, "ContainerDefinition has no member logConfig"),
                mutation("enum inside a container definition: a log driver ECS does not have", "dev", "web-task",
                        edit("containerDefinitions", "\"awslogs\"", "\"cloudwatch\""),
                        "containerDefinitions(json)[0].logConfiguration.logDriver", "ecs RegisterTaskDefinition",
                        "containerDefinitions[0].logConfiguration.logDriver", "ecs:LogDriver", CheckKind.ENUM, "\"cloudwatch\" is not one of LogDriver's values"),
                mutation("enum inside a container definition: a port protocol", "dev", "web-task",
                        edit("containerDefinitions", "\"protocol\":\"tcp\"", "\"protocol\":\"http\""),
                        "containerDefinitions(json)[0].portMappings[0].protocol", "ecs RegisterTaskDefinition",
                        "containerDefinitions[0].portMappings[0].protocol", "ecs:TransportProtocol", CheckKind.ENUM, "\"http\""),
                mutation("enum inside a container definition: a ulimit name", "dev", "web-task",
                        edit("containerDefinitions", "\"privileged\":false", "\"privileged\":false,\"ulimits\":[{\"name\":\"open-files\",\"softLimit\":1024,\"hardLimit\":1024}]"),
                        "containerDefinitions(json)[0].ulimits[0].name", "ecs RegisterTaskDefinition",
                        "containerDefinitions[0].ulimits[0].name", "ecs:UlimitName", CheckKind.ENUM, "\"open-files\""),
                mutation("type inside a container definition: memory as text", "dev", "web-task",
                        edit("containerDefinitions", "\"memory\":256", "\"memory\":\"256\""),
                        "containerDefinitions(json)[0].memory", "ecs RegisterTaskDefinition", "containerDefinitions[0].memory",
                        "ecs:BoxedInteger", CheckKind.TYPE, "expected a whole number"),
                mutation("json: container definitions the provider cannot parse", "dev", "web-task",
                        edit("containerDefinitions", "}]", "}"), "containerDefinitions(json)", "ecs RegisterTaskDefinition",
                        "containerDefinitions", "ecs:ContainerDefinitions", CheckKind.JSON, "not JSON the provider can parse"),
                mutation("computed values are skipped, not reported", "dev", "web-tg", set("healthCheck.path", "<computed>"),
                        null, null, null, null, null, null));
    }

    /** The constraints only the documentation text states. */
    static Stream<Case> documentedCases() {
        var sg = "ec2 CreateSecurityGroup";
        var asg = "autoscaling CreateAutoScalingGroup";
        var alarm = "cloudwatch PutMetricAlarm";
        var doc = CheckKind.DOC_TEXT;
        return Stream.of(
                mutation("doc: the apostrophe EC2 rejects in a security group description", "dev", "loadbalancer-sg",
                        set("description", "out only to the service's instances"), "description", sg, "Description",
                        "ec2:CreateSecurityGroupRequest.Description", doc,
                        "character \"'\" not allowed (EC2 allows a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*)"),
                mutation("doc: a security group description over 255 characters", "dev", "capacity-sg",
                        set("description", "a".repeat(256)), "description", sg, "Description",
                        "ec2:CreateSecurityGroupRequest.Description", doc, "256 characters, more than the 255 EC2 allows"),
                mutation("doc: a security group name starting sg-", "dev", "capacity-sg", set("name", "sg-instances"),
                        "name", sg, "GroupName", "ec2:CreateSecurityGroupRequest.GroupName", doc, "cannot start with sg-"),
                mutation("doc: a quote in an IPv4 rule's description", "dev", "loadbalancer-http-in",
                        set("description", "HTTP from \"anywhere\""), "description", "ec2 AuthorizeSecurityGroupIngress",
                        "IpPermissions[0].IpRanges[0].Description", "ec2:IpRange.Description", doc, "character \"\"\" not allowed"),
                mutation("doc: an ampersand in a security group pair rule's description (allowed in IPv4 ranges, not here)",
                        "dev", "capacity-from-alb", set("description", "Requests & health checks"), "description",
                        "ec2 AuthorizeSecurityGroupIngress", "IpPermissions[0].UserIdGroupPairs[0].Description",
                        "ec2:UserIdGroupPair.Description", doc, "character \"&\" not allowed"),
                mutation("doc: a gp3 volume above 65,536 GiB", "dev", "capacity-launch-template",
                        set("blockDeviceMappings[0].ebs.volumeSize", 70000.0), "blockDeviceMappings[0].ebs.volumeSize",
                        "ec2 CreateLaunchTemplate", "LaunchTemplateData.BlockDeviceMappings[0].Ebs.VolumeSize",
                        "ec2:LaunchTemplateEbsBlockDeviceRequest", doc, "70000 is not from 1 to 65536 GiB, the gp3 range"),
                mutation("doc: an instance metadata hop limit above 64", "dev", "capacity-launch-template",
                        set("metadataOptions.httpPutResponseHopLimit", 65.0), "metadataOptions.httpPutResponseHopLimit",
                        "ec2 CreateLaunchTemplate", "LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit",
                        "ec2:LaunchTemplateInstanceMetadataOptionsRequest.HttpPutResponseHopLimit", doc, "65 is not from 1 to 64"),
                mutation("doc: a flow log aggregation interval of 300 s", "dev", "flowlogs-vpc", set("maxAggregationInterval", 300.0),
                        "maxAggregationInterval", "ec2 CreateFlowLogs", "MaxAggregationInterval",
                        "ec2:CreateFlowLogsRequest.MaxAggregationInterval", doc, "300 is not one of [60, 600]"),
                mutation("doc: a target group name of 33 characters", "dev", "web-tg", set("name", "spotfleet-production-web-targets1"),
                        "name", "elbv2 CreateTargetGroup", "Name", "elbv2:CreateTargetGroupInput.Name", doc,
                        "a name of at most 32 alphanumeric characters or hyphens"),
                mutation("doc: a load balancer name ending in a hyphen", "dev", "loadbalancer-alb", set("name", "web-"),
                        "name", "elbv2 CreateLoadBalancer", "Name", "elbv2:CreateLoadBalancerInput.Name", doc, "\"web-\" is not a name"),
                mutation("doc: a load balancer name starting internal-", "dev", "loadbalancer-alb", set("name", "internal-web"),
                        "name", "elbv2 CreateLoadBalancer", "Name", "elbv2:CreateLoadBalancerInput.Name", doc, "must not begin with \"internal-\""),
                mutation("doc: a health check matcher outside 200-499", "dev", "web-tg", set("healthCheck.matcher", "200-599"),
                        "healthCheck.matcher", "elbv2 CreateTargetGroup", "Matcher.HttpCode", "elbv2:Matcher.HttpCode", doc,
                        "is not HTTP codes from 200 to 499"),
                mutation("doc: a deregistration delay above 3600 s", "dev", "web-tg", set("deregistrationDelay", 4000.0),
                        "deregistrationDelay", "elbv2 ModifyTargetGroupAttributes", "Attributes[0].Value",
                        "elbv2:TargetGroupAttribute", doc, "deregistration_delay.timeout_seconds takes 0-3600 seconds, not \"4000\""),
                mutation("doc: access logs neither on nor off", "dev", "loadbalancer-alb",
                        set("accessLogs.enabled", "on"), "accessLogs.enabled", "elbv2 ModifyLoadBalancerAttributes",
                        "Attributes[3].Value", "elbv2:LoadBalancerAttribute", doc, "access_logs.s3.enabled takes true or false, not \"on\""),
                mutation("doc: access logs kept for 0 days", "dev", "accesslogs-expiry", set("rules[0].expiration.days", 0.0),
                        "rules[0].expiration.days", "s3 PutBucketLifecycleConfiguration", "LifecycleConfiguration.Rules[0].Expiration.Days",
                        "s3:LifecycleExpiration.Days", doc, "0 is not from 1 to"),
                mutation("doc: deletion protection neither true nor false", "dev", "loadbalancer-alb",
                        set("enableDeletionProtection", "sometimes"), "enableDeletionProtection", "elbv2 ModifyLoadBalancerAttributes",
                        "Attributes[0].Value", "elbv2:LoadBalancerAttribute", doc, "takes true or false, not \"sometimes\""),
                mutation("doc: a Spot allocation strategy Auto Scaling does not have", "prod", "capacity-asg",
                        set("mixedInstancesPolicy.instancesDistribution.spotAllocationStrategy", "cheapest"),
                        "mixedInstancesPolicy.instancesDistribution.spotAllocationStrategy", asg,
                        "MixedInstancesPolicy.InstancesDistribution.SpotAllocationStrategy",
                        "autoscaling:InstancesDistribution.SpotAllocationStrategy", doc, "\"cheapest\" is not one of"),
                mutation("doc: a colon in an Auto Scaling group name", "dev", "capacity-asg", set("name", "spotfleet:dev"),
                        "name", asg, "AutoScalingGroupName", "autoscaling:CreateAutoScalingGroupType.AutoScalingGroupName", doc,
                        "a character outside ASCII 33 to 126, or a colon"),
                mutation("doc: a health check type Auto Scaling does not have", "dev", "capacity-asg", set("healthCheckType", "ALB"),
                        "healthCheckType", asg, "HealthCheckType", "autoscaling:CreateAutoScalingGroupType.HealthCheckType", doc,
                        "\"ALB\" is not one or more of [EC2, EBS, ELB, VPC_LATTICE], comma-separated"),
                mutation("doc: a metrics granularity other than 1Minute", "dev", "capacity-asg", set("metricsGranularity", "5Minute"),
                        "metricsGranularity", "autoscaling EnableMetricsCollection", "Granularity",
                        "autoscaling:EnableMetricsCollectionQuery.Granularity", doc, "\"5Minute\" is not one of [1Minute]"),
                mutation("doc: a group metric Auto Scaling does not publish", "dev", "capacity-asg",
                        set("enabledMetrics", List.of("GroupInServiceInstances", "GroupSpotInstances")), "enabledMetrics",
                        "autoscaling EnableMetricsCollection", "Metrics", "autoscaling:EnableMetricsCollectionQuery.Metrics", doc,
                        "\"GroupSpotInstances\" is not a group metric"),
                mutation("doc: an instance type EC2 does not have", "dev", "capacity-asg",
                        set("mixedInstancesPolicy.launchTemplate.overrides[0].instanceType", "t3.mikro"),
                        "mixedInstancesPolicy.launchTemplate.overrides[0].instanceType", asg,
                        "MixedInstancesPolicy.LaunchTemplate.Overrides[0].InstanceType",
                        "autoscaling:LaunchTemplateOverrides.InstanceType", doc, "\"t3.mikro\" is not an EC2 instance type"),
                mutation("doc: a space in a task definition family", "dev", "web-task", set("family", "spotfleet dev web"),
                        "family", "ecs RegisterTaskDefinition", "family", "ecs:RegisterTaskDefinitionRequest.family", doc,
                        "up to 255 letters, numbers, underscores and hyphens"),
                mutation("doc: a dot in an ECS cluster name", "dev", "cluster-ecs", set("name", "spotfleet.dev"),
                        "name", "ecs CreateCluster", "clusterName", "ecs:CreateClusterRequest.clusterName", doc, "\"spotfleet.dev\""),
                mutation("doc: a slash in an ECS service name", "dev", "web-service", set("name", "web/api"),
                        "name", "ecs CreateService", "serviceName", "ecs:CreateServiceRequest.serviceName", doc, "\"web/api\""),
                mutation("doc: a container name with a dot", "dev", "web-task", edit("containerDefinitions", "\"name\":\"app\"", "\"name\":\"app.web\""),
                        "containerDefinitions(json)[0].name", "ecs RegisterTaskDefinition", "containerDefinitions[0].name",
                        "ecs:ContainerDefinition.name", doc, "\"app.web\""),
                mutation("doc: a capacity provider named ecs-...", "dev", "capacity-provider", set("name", "ecs-spot"),
                        "name", "ecs CreateCapacityProvider", "name", "ecs:CreateCapacityProviderRequest.name", doc,
                        "starts with aws, ecs or fargate"),
                mutation("doc: task CPU below the EC2 launch type's 128 units", "dev", "web-task", set("cpu", "64"),
                        "cpu", "ecs RegisterTaskDefinition", "cpu", "ecs:RegisterTaskDefinitionRequest.cpu", doc,
                        "outside 128 to 10240 CPU units"),
                mutation("doc: task CPU in neither form", "dev", "web-task", set("cpu", "256 units"),
                        "cpu", "ecs RegisterTaskDefinition", "cpu", "ecs:RegisterTaskDefinitionRequest.cpu", doc,
                        "neither CPU units (1024) nor vCPUs"),
                mutation("doc: a Fargate task of a size Fargate does not run", "fargate", "web-task", set("memory", "256"),
                        "memory", "ecs RegisterTaskDefinition", "memory", "ecs:RegisterTaskDefinitionRequest", doc,
                        "\"256\" is not a memory value Fargate offers with 256 CPU units"),
                mutation("doc: task memory in MB", "dev", "web-task", set("memory", "256MB"),
                        "memory", "ecs RegisterTaskDefinition", "memory", "ecs:RegisterTaskDefinitionRequest.memory", doc,
                        "whole MiB (1024) or GB"),
                mutation("doc: a container stop timeout above 120 s", "dev", "web-task", edit("containerDefinitions", "\"stopTimeout\":30", "\"stopTimeout\":130"),
                        "containerDefinitions(json)[0].stopTimeout", "ecs RegisterTaskDefinition", "containerDefinitions[0].stopTimeout",
                        "ecs:ContainerDefinition.stopTimeout", doc, "130 is not from 0 to 120"),
                mutation("doc: a container health check every 2 s", "dev", "web-task",
                        edit("containerDefinitions", "\"privileged\":false", "\"privileged\":false,\"healthCheck\":{\"command\":[\"CMD\",\"true\"],\"interval\":2}"),
                        "containerDefinitions(json)[0].healthCheck.interval", "ecs RegisterTaskDefinition",
                        "containerDefinitions[0].healthCheck.interval", "ecs:HealthCheck.interval", doc, "2 is not from 5 to 300"),
                mutation("doc: spread placement on cpu", "dev", "web-service", set("orderedPlacementStrategies[0].field", "cpu"),
                        "orderedPlacementStrategies[0].field", "ecs CreateService", "placementStrategy[0].field",
                        "ecs:PlacementStrategy", doc, "\"cpu\" is not a field for the spread placement strategy"),
                mutation("doc: binpack placement by instance", "dev", "web-service", set("orderedPlacementStrategies[1].field", "instanceId"),
                        "orderedPlacementStrategies[1].field", "ecs CreateService", "placementStrategy[1].field",
                        "ecs:PlacementStrategy", doc, "\"instanceId\" is not a field for the binpack placement strategy"),
                mutation("doc: a log retention CloudWatch Logs does not offer", "dev", "cluster-logs", set("retentionInDays", 10.0),
                        "retentionInDays", "logs PutRetentionPolicy", "retentionInDays", "logs:PutRetentionPolicyRequest.retentionInDays",
                        doc, "10 is not one of [1, 3, 5, 7, 14"),
                mutation("doc: an alarm period of 45 s", "dev", "alarms-unhealthy-targets", set("period", 45.0),
                        "period", alarm, "Period", "cloudwatch:PutMetricAlarmInput.Period", doc, "45 is not 10, 20, 30 or a multiple of 60"),
                mutation("doc: a metric query period of 45 s", "dev", "alarms-target-5xx-rate", set("metricQueries[0].metric.period", 45.0),
                        "metricQueries[0].metric.period", alarm, "Metrics[0].MetricStat.Period", "cloudwatch:MetricStat.Period", doc,
                        "45 is not 1, 5, 10, 20, 30 or a multiple of 60"),
                mutation("doc: a missing-data treatment CloudWatch does not have", "dev", "alarms-too-few-tasks",
                        set("treatMissingData", "zero"), "treatMissingData", alarm, "TreatMissingData",
                        "cloudwatch:PutMetricAlarmInput.TreatMissingData", doc, "\"zero\" is not one of [breaching, notBreaching, ignore, missing]"),
                mutation("doc: a low-sample percentile setting CloudWatch does not have", "dev", "alarms-p99-latency",
                        set("evaluateLowSampleCountPercentiles", "skip"), "evaluateLowSampleCountPercentiles", alarm,
                        "EvaluateLowSampleCountPercentile", "cloudwatch:PutMetricAlarmInput.EvaluateLowSampleCountPercentile", doc,
                        "\"skip\" is not one of [evaluate, ignore]"),
                mutation("doc: a percentile above p100", "dev", "alarms-p99-latency", set("extendedStatistic", "p101"),
                        "extendedStatistic", alarm, "ExtendedStatistic", "cloudwatch:PutMetricAlarmInput.ExtendedStatistic", doc,
                        "\"p101\" is not a percentile"),
                mutation("doc: a metric query id starting with a capital", "dev", "alarms-target-5xx-rate", set("metricQueries[2].id", "Rate"),
                        "metricQueries[2].id", alarm, "Metrics[2].Id", "cloudwatch:MetricDataQuery.Id", doc, "starting with a lowercase letter"),
                mutation("doc: a space in a dashboard name", "dev", "dashboard-cloudwatch", set("dashboardName", "spotfleet dev"),
                        "dashboardName", "cloudwatch PutDashboard", "DashboardName", "cloudwatch:PutDashboardInput.DashboardName", doc,
                        "\"spotfleet dev\" is not at most 255 of A-Z, a-z, 0-9"),
                mutation("doc: a schedule in neither rate() nor cron() form", "dev", "fleetwatch-schedule",
                        set("scheduleExpression", "rate(1 minutes)"), "scheduleExpression", "events PutRule", "ScheduleExpression",
                        "events:PutRuleRequest.ScheduleExpression", doc, "\"rate(1 minutes)\" is neither rate"),
                mutation("doc: a dot in a topic name", "dev", "alerts-topic", set("name", "spotfleet.alerts"),
                        "name", "sns CreateTopic", "Name", "sns:CreateTopicInput.Name", doc, "\"spotfleet.alerts\""),
                mutation("doc: a subscription protocol SNS does not have", "all-features-zone-name", "alerts-email",
                        set("protocol", "mail"), "protocol", "sns Subscribe", "Protocol", "sns:SubscribeInput.Protocol", doc,
                        "\"mail\" is not one of [http, https, email"),
                mutation("doc: a Lambda function name over 64 characters", "dev", "fleetwatch-function", set("name", "f".repeat(65)),
                        "name", "lambda CreateFunction", "FunctionName", "lambda:CreateFunctionRequest.FunctionName", doc,
                        "a function name of 65 characters, more than 64"),
                mutation("doc: a Lambda timeout above 900 s", "dev", "fleetwatch-function", set("timeout", 901.0),
                        "timeout", "lambda CreateFunction", "Timeout", "lambda:CreateFunctionRequest.Timeout", doc, "901 is not from 1 to 900"),
                mutation("doc: a KMS alias without alias/", "dev", "alerts-key-alias", set("name", "spotfleet-alerts"),
                        "name", "kms CreateAlias", "AliasName", "kms:CreateAliasRequest.AliasName", doc, "does not begin with alias/"),
                mutation("doc: a KMS alias in the reserved alias/aws/", "dev", "alerts-key-alias", set("name", "alias/aws/spotfleet"),
                        "name", "kms CreateAlias", "AliasName", "kms:CreateAliasRequest.AliasName", doc, "the alias/aws/ prefix is reserved"),
                mutation("doc: a certificate domain over 64 characters", "all-features-zone-id", "https-cert",
                        set("domainName", "a".repeat(60) + ".example.org"), "domainName", "acm RequestCertificate", "DomainName",
                        "acm:RequestCertificateRequest.DomainName", doc, "72 characters, more than the 64"));
    }

    /** The JSON documents AWS takes as text. */
    static Stream<Case> documentCases() {
        var trust = "AssumeRolePolicyDocument (IAM trust policy)";
        var iam = CheckKind.IAM_POLICY;
        return Stream.of(
                mutation("IAM: an Effect that is neither Allow nor Deny", "dev", "web-task-role", edit("assumeRolePolicy", "\"Allow\"", "\"Alow\""),
                        "assumeRolePolicy", "iam CreateRole", trust + " Statement[0].Effect", "IAM trust policy", iam,
                        "\"Alow\" is not one of [Allow, Deny]"),
                mutation("IAM: a policy language version that does not exist", "dev", "capacity-instance-role",
                        edit("assumeRolePolicy", "2012-10-17", "2012-10-18"), "assumeRolePolicy", "iam CreateRole",
                        trust + " Version", "IAM trust policy", iam, "\"2012-10-18\" is not one of [2012-10-17, 2008-10-17]"),
                mutation("IAM: an action without its service prefix", "dev", "fleetwatch-permissions",
                        edit("policy", "\"ec2:DescribeInstances\"", "\"DescribeInstances\""), "policy", "iam PutRolePolicy",
                        "PolicyDocument (IAM policy) Statement[0].Action", "IAM policy", iam, "\"DescribeInstances\" is not \"<service>:<action>\""),
                mutation("IAM: a principal in an identity policy", "prod", "flowlogs-permissions",
                        edit("policy", "\"Effect\":\"Allow\"", "\"Effect\":\"Allow\",\"Principal\":\"*\""), "policy", "iam PutRolePolicy",
                        "PolicyDocument (IAM policy) Statement[0].Principal", "IAM policy", iam, "must not name a principal"),
                mutation("IAM: a resource in a trust policy", "dev", "fleetwatch-role",
                        edit("assumeRolePolicy", "\"Action\":\"sts:AssumeRole\"", "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\""),
                        "assumeRolePolicy", "iam CreateRole", trust + " Statement[0].Resource", "IAM trust policy", iam,
                        "a trust policy must not have a Resource"),
                mutation("IAM: a Resource in an ECR repository policy", "dev", "image-pull-policy",
                        edit("policy", "\"Condition\":", "\"Resource\":\"*\",\"Condition\":"), "policy", "ecr SetRepositoryPolicy",
                        "policyText (ECR repository policy) Statement[0].Resource", "ECR repository policy", iam,
                        "an ECR repository policy must not have a Resource"),
                mutation("IAM: a topic policy statement without a principal", "dev", "alertpublishers-policy",
                        edit("policy", "\"Principal\":\"*\",", ""), "policy", "sns SetTopicAttributes",
                        "AttributeValue (IAM resource policy) Statement[2].Principal", "IAM resource policy", iam, "needs a Principal"),
                mutation("IAM: a bucket policy statement without a principal", "dev", "accesslogs-policy",
                        edit("policy", "\"Principal\":\"*\",", ""), "policy", "s3 PutBucketPolicy",
                        "Policy (IAM resource policy) Statement[0].Principal", "IAM resource policy", iam, "needs a Principal"),
                mutation("IAM: a service principal that is not a service", "dev", "alerts-key",
                        edit("policy", "\"events.amazonaws.com\"", "\"events\""), "policy", "kms CreateKey",
                        "Policy (IAM resource policy) Statement[1].Principal.Service", "IAM resource policy", iam,
                        "\"events\" is not a valid Service principal"),
                mutation("IAM: a condition operator that does not exist", "dev", "fleetwatch-permissions",
                        edit("policy", "StringEquals", "StringIs"), "policy", "iam PutRolePolicy",
                        "PolicyDocument (IAM policy) Statement[1].Condition.StringIs", "IAM policy", iam, "StringIs is not a condition operator"),
                mutation("IAM: a Sid with a hyphen", "dev", "fleetwatch-permissions", edit("policy", "ReadTheFleet", "Read-The-Fleet"),
                        "policy", "iam PutRolePolicy", "PolicyDocument (IAM policy) Statement[0].Sid", "IAM policy", iam,
                        "a Sid has only A-Z, a-z and 0-9"),
                mutation("json: a policy that is not JSON", "dev", "web-execution-role", edit("assumeRolePolicy", "}]}", "}]"),
                        "assumeRolePolicy", "iam CreateRole", "AssumeRolePolicyDocument", "IAM trust policy", CheckKind.JSON,
                        "the IAM trust policy is not JSON"),
                mutation("event pattern: a value not in an array", "dev", "spotalerts-interruptions",
                        edit("eventPattern", "\"source\":[\"aws.ec2\"]", "\"source\":\"aws.ec2\""), "eventPattern", "events PutRule",
                        "EventPattern (EventBridge event pattern) source", "EventBridge event pattern", CheckKind.EVENT_PATTERN,
                        "values to match must be in an array"),
                mutation("event pattern: a field events do not have", "dev", "spotalerts-interruptions",
                        edit("eventPattern", "\"detail-type\"", "\"detailType\""), "eventPattern", "events PutRule",
                        "EventPattern (EventBridge event pattern) detailType", "EventBridge event pattern", CheckKind.EVENT_PATTERN,
                        "unknown key detailType"),
                mutation("event pattern: an empty array", "dev", "spotalerts-interruptions",
                        edit("eventPattern", "[\"aws.ec2\"]", "[]"), "eventPattern", "events PutRule",
                        "EventPattern (EventBridge event pattern) source", "EventBridge event pattern", CheckKind.EVENT_PATTERN,
                        "an empty array matches nothing"),
                mutation("dashboard: a widget taller than 1000 rows", "dev", "dashboard-cloudwatch",
                        edit("dashboardBody", "\"x\":16,\"y\":0,\"width\":8,\"height\":6", "\"x\":16,\"y\":0,\"width\":8,\"height\":1001"),
                        "dashboardBody", "cloudwatch PutDashboard", "DashboardBody (dashboard body) widgets[2].height", "dashboard body",
                        CheckKind.DASHBOARD, "1001 is not a whole number from 1 to 1000"),
                mutation("dashboard: a widget past the 24-column grid", "dev", "dashboard-cloudwatch",
                        edit("dashboardBody", "\"x\":16,\"y\":0,\"width\":8", "\"x\":20,\"y\":0,\"width\":8"),
                        "dashboardBody", "cloudwatch PutDashboard", "DashboardBody (dashboard body) widgets[2]", "dashboard body",
                        CheckKind.DASHBOARD, "x 20 + width 8 runs past the 24-column grid"),
                mutation("dashboard: a widget type CloudWatch does not have", "dev", "dashboard-cloudwatch",
                        edit("dashboardBody", "{\"type\":\"alarm\"", "{\"type\":\"alarms\""), "dashboardBody", "cloudwatch PutDashboard",
                        "DashboardBody (dashboard body) widgets[8].type", "dashboard body", CheckKind.DASHBOARD, "\"alarms\" is not one of"),
                mutation("dashboard: a metric array with a dimension name but no value", "dev", "dashboard-cloudwatch",
                        edit("dashboardBody", "[\"AWS/ApplicationELB\",\"RequestCount\",\"LoadBalancer\",\"<computed>\",{\"stat\":\"Sum\",\"label\":\"all requests\"}]",
                                "[\"AWS/ApplicationELB\",\"RequestCount\",\"LoadBalancer\",{\"stat\":\"Sum\",\"label\":\"all requests\"}]"),
                        "dashboardBody", "cloudwatch PutDashboard", "DashboardBody (dashboard body) widgets[0].properties.metrics[0]",
                        "dashboard body", CheckKind.DASHBOARD, "expected [Namespace, MetricName, DimensionName, DimensionValue, ...]"),
                mutation("dashboard: a statistic CloudWatch does not have", "dev", "dashboard-cloudwatch",
                        edit("dashboardBody", "{\"stat\":\"Sum\",\"label\":\"all requests\"}", "{\"stat\":\"Total\",\"label\":\"all requests\"}"),
                        "dashboardBody", "cloudwatch PutDashboard", "DashboardBody (dashboard body) widgets[0].properties.metrics[0][4].stat",
                        "dashboard body", CheckKind.DASHBOARD, "\"Total\" is not a statistic"),
                mutation("dashboard: a metric widget without its region", "dev", "dashboard-cloudwatch",
                        edit("dashboardBody", "\"title\":\"Requests\",\"region\":\"eu-west-1\",", "\"title\":\"Requests\","),
                        "dashboardBody", "cloudwatch PutDashboard", "DashboardBody (dashboard body) widgets[0].properties.region",
                        "dashboard body", CheckKind.DASHBOARD, "required key region is missing"),
                mutation("dashboard: an alarm widget without alarms", "dev", "dashboard-cloudwatch",
                        r -> PlanMutations.set(r, "dashboardBody", body -> String.valueOf(body).replaceFirst("\"alarms\":\\[[^\\]]*]", "\"alarms\":[]")),
                        "dashboardBody", "cloudwatch PutDashboard", "DashboardBody (dashboard body) widgets[8].properties.alarms",
                        "dashboard body", CheckKind.DASHBOARD, "alarms must be an array of 1 to 100 alarm ARNs"),
                mutation("ECR lifecycle: a count type ECR does not have", "dev", "cluster-images-lifecycle",
                        edit("policy", "imageCountMoreThan", "imageCountAbove"), "policy", "ecr PutLifecyclePolicy",
                        "lifecyclePolicyText (ECR lifecycle policy) rules[0].selection.countType", "ECR lifecycle policy",
                        CheckKind.ECR_LIFECYCLE, "\"imageCountAbove\" is not one of [imageCountMoreThan, sinceImagePushed]"),
                mutation("ECR lifecycle: tagged images without a tag prefix list", "dev", "cluster-images-lifecycle",
                        edit("policy", "\"tagStatus\":\"untagged\"", "\"tagStatus\":\"tagged\""), "policy", "ecr PutLifecyclePolicy",
                        "lifecyclePolicyText (ECR lifecycle policy) rules[0].selection", "ECR lifecycle policy", CheckKind.ECR_LIFECYCLE,
                        "tagStatus tagged needs a tagPrefixList or a tagPatternList"),
                mutation("ECR lifecycle: a countUnit with an image count", "dev", "cluster-images-lifecycle",
                        edit("policy", "\"countNumber\":10", "\"countNumber\":10,\"countUnit\":\"days\""), "policy", "ecr PutLifecyclePolicy",
                        "lifecyclePolicyText (ECR lifecycle policy) rules[0].selection.countUnit", "ECR lifecycle policy",
                        CheckKind.ECR_LIFECYCLE, "countUnit is only for countType sinceImagePushed"),
                mutation("ECR lifecycle: an action other than expire", "dev", "cluster-images-lifecycle",
                        edit("policy", "\"type\":\"expire\"", "\"type\":\"delete\""), "policy", "ecr PutLifecyclePolicy",
                        "lifecyclePolicyText (ECR lifecycle policy) rules[0].action.type", "ECR lifecycle policy", CheckKind.ECR_LIFECYCLE,
                        "\"delete\" is not one of [expire]"),
                mutation("ECR lifecycle: a rule priority of 0", "dev", "cluster-images-lifecycle",
                        edit("policy", "\"rulePriority\":1", "\"rulePriority\":0"), "policy", "ecr PutLifecyclePolicy",
                        "lifecyclePolicyText (ECR lifecycle policy) rules[0].rulePriority", "ECR lifecycle policy", CheckKind.ECR_LIFECYCLE,
                        "0 is not a whole number from 1"));
    }

    /** What the mapping must account for. */
    static Stream<Case> mappingCases() {
        return Stream.of(
                mutation("mapping: a property no mapping sends and none lists as not sent", "dev", "web-tg",
                        set("slowStartSeconds", 30.0), "slowStartSeconds", "", "", "", CheckKind.MAPPING,
                        "neither mapped to an AWS request nor listed as not sent"),
                mutation("mapping: a resource type without a mapping", "dev", "cluster-images",
                        r -> PlanMutations.retype(r, "aws:sagemaker/domain:Domain"), "(resource type)", "", "", "",
                        CheckKind.MAPPING, "no mapping to AWS requests for this resource type"));
    }
}
