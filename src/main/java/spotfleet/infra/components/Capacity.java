package spotfleet.infra.components;

import com.pulumi.aws.autoscaling.Group;
import com.pulumi.aws.autoscaling.GroupArgs;
import com.pulumi.aws.autoscaling.Policy;
import com.pulumi.aws.autoscaling.PolicyArgs;
import com.pulumi.aws.autoscaling.inputs.GroupInstanceRefreshArgs;
import com.pulumi.aws.autoscaling.inputs.GroupInstanceRefreshPreferencesArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyInstancesDistributionArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyLaunchTemplateArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecificationArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyLaunchTemplateOverrideArgs;
import com.pulumi.aws.autoscaling.inputs.GroupTagArgs;
import com.pulumi.aws.autoscaling.inputs.PolicyTargetTrackingConfigurationArgs;
import com.pulumi.aws.autoscaling.inputs.PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateIamInstanceProfileArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMonitoringArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.aws.ecs.CapacityProvider;
import com.pulumi.aws.ecs.CapacityProviderArgs;
import com.pulumi.aws.ecs.ClusterCapacityProviders;
import com.pulumi.aws.ecs.ClusterCapacityProvidersArgs;
import com.pulumi.aws.ecs.inputs.CapacityProviderAutoScalingGroupProviderArgs;
import com.pulumi.aws.ecs.inputs.CapacityProviderAutoScalingGroupProviderManagedScalingArgs;
import com.pulumi.aws.ecs.inputs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs;
import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.iam.InstanceProfileArgs;
import com.pulumi.aws.ssm.SsmFunctions;
import com.pulumi.aws.ssm.inputs.GetParameterArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import spotfleet.infra.config.CapacitySettings;
import spotfleet.infra.config.InstanceScaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machines (the seed's machines.yml): ECS-optimized Amazon Linux 2023 instances in the private subnets,
 * launched by an Auto Scaling group that mixes on-demand and Spot across the configured instance types,
 * reachable only from the load balancer, and scaled by an ECS capacity provider or by average CPU.
 */
public final class Capacity extends ComponentResource {

    /** Docker's ephemeral host ports: bridge-mode tasks with host port 0 are published on one of these. */
    public static final int EPHEMERAL_PORT_FROM = 32768;
    public static final int EPHEMERAL_PORT_TO = 65535;
    /** The AL2023 ECS-optimized AMI's root volume: its device and its size. */
    static final String ROOT_DEVICE = "/dev/xvda";
    static final int ROOT_VOLUME_GIB = 30;
    /**
     * Instances are judged by EC2 status checks (the ALB checks tasks, not instances); this gives one time to
     * boot and join the cluster before a failed check replaces it.
     */
    static final int HEALTH_CHECK_GRACE_SECONDS = 300;
    /** An instance refresh launches replacements before it terminates anything, at most half the group more at once. */
    static final int REFRESH_MIN_HEALTHY_PERCENT = 100;
    static final int REFRESH_MAX_HEALTHY_PERCENT = 150;

    /**
     * What the machines need from the other components.
     *
     * @param tags tags every instance and volume carries (ASG-launched instances do not get the provider's default tags)
     */
    public record Args(
            Output<String> clusterName,
            Output<String> vpcId,
            Output<List<String>> privateSubnetIds,
            Output<String> loadBalancerSecurityGroupId,
            Map<String, String> tags) {
    }

    @Export(name = "autoScalingGroupName", refs = String.class)
    public final Output<String> autoScalingGroupName;
    @Export(name = "autoScalingGroupArn", refs = String.class)
    public final Output<String> autoScalingGroupArn;
    @Export(name = "securityGroupId", refs = String.class)
    public final Output<String> securityGroupId;
    @Export(name = "launchTemplateId", refs = String.class)
    public final Output<String> launchTemplateId;
    /** The ECS capacity provider services place tasks with; empty when {@code instanceScaling} is {@code cpu}. */
    public final Optional<Output<String>> capacityProviderName;

    public Capacity(String name, CapacitySettings settings, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:Capacity", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var role = IamRoles.assumedBy(name + "-instance-role", "ec2.amazonaws.com",
                "ECS container instances: join the cluster, pull images, be reachable through SSM", child);
        var ecsPolicy = IamRoles.attachManaged(name + "-instance-ecs", role, "service-role/AmazonEC2ContainerServiceforEC2Role",
                this, child);
        var ssmPolicy = IamRoles.attachManaged(name + "-instance-ssm", role, "AmazonSSMManagedInstanceCore", this, child);
        var profile = new InstanceProfile(name + "-instance-profile", InstanceProfileArgs.builder()
                .role(role.name())
                .build(), child);

        var securityGroup = instanceSecurityGroup(name, args, child);
        // An instance whose role has no policies yet cannot register with ECS, and its agent does not retry for long:
        // the launch template (and so every launch) comes after the policies and the profile.
        var afterIam = CustomResourceOptions.builder().parent(this).dependsOn(ecsPolicy, ssmPolicy, profile).build();
        var launchTemplate = launchTemplate(name, settings, args, profile, securityGroup, afterIam);
        var group = autoScalingGroup(name, settings, args, launchTemplate);

        if (settings.instanceScaling() == InstanceScaling.CAPACITY_PROVIDER) {
            var provider = new CapacityProvider(name + "-provider", CapacityProviderArgs.builder()
                    .autoScalingGroupProvider(CapacityProviderAutoScalingGroupProviderArgs.builder()
                            .autoScalingGroupArn(group.arn())
                            .managedScaling(CapacityProviderAutoScalingGroupProviderManagedScalingArgs.builder()
                                    .status("ENABLED")
                                    .targetCapacity(settings.capacityTargetPercent())
                                    .build())
                            // ECS keeps instances that still run tasks from being scaled in, and drains them first.
                            .managedTerminationProtection("ENABLED")
                            .managedDraining("ENABLED")
                            .build())
                    .build(), child);
            new ClusterCapacityProviders(name + "-cluster-providers", ClusterCapacityProvidersArgs.builder()
                    .clusterName(args.clusterName())
                    .capacityProviders(provider.name().applyValue(List::of))
                    .defaultCapacityProviderStrategies(ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs.builder()
                            .capacityProvider(provider.name())
                            .weight(1)
                            .base(0)
                            .build())
                    .build(), child);
            this.capacityProviderName = Optional.of(provider.name());
        } else {
            new Policy(name + "-cpu-target", PolicyArgs.builder()
                    .autoscalingGroupName(group.name())
                    .policyType("TargetTrackingScaling")
                    .targetTrackingConfiguration(PolicyTargetTrackingConfigurationArgs.builder()
                            .predefinedMetricSpecification(PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs.builder()
                                    .predefinedMetricType("ASGAverageCPUUtilization")
                                    .build())
                            .targetValue((double) settings.instanceCpuTarget())
                            .build())
                    .build(), child);
            this.capacityProviderName = Optional.empty();
        }

        this.autoScalingGroupName = group.name();
        this.autoScalingGroupArn = group.arn();
        this.securityGroupId = securityGroup.id();
        this.launchTemplateId = launchTemplate.id();
        var outputs = new LinkedHashMap<String, Output<?>>(Map.of(
                "autoScalingGroupName", autoScalingGroupName,
                "autoScalingGroupArn", autoScalingGroupArn,
                "securityGroupId", securityGroupId,
                "launchTemplateId", launchTemplateId));
        capacityProviderName.ifPresent(provider -> outputs.put("capacityProviderName", provider));
        registerOutputs(outputs);
    }

    /**
     * Admits only the load balancer, only on the ephemeral host ports bridge-mode tasks are published on.
     * The load balancer's matching egress rule lives here too: the two rules open one path together.
     */
    private static SecurityGroup instanceSecurityGroup(String name, Args args, CustomResourceOptions child) {
        return new ReachableFromLoadBalancer(name + "-sg", name + "-alb-to-instances",
                "ECS container instances: task ports from the load balancer only", "Task host ports from the load balancer",
                "Requests and health checks to the task host ports", EPHEMERAL_PORT_FROM, EPHEMERAL_PORT_TO)
                .declare(name, args.vpcId(), args.loadBalancerSecurityGroupId(), child);
    }

    private LaunchTemplate launchTemplate(String name, CapacitySettings settings, Args args, InstanceProfile profile,
                                          SecurityGroup securityGroup, CustomResourceOptions options) {
        var ami = SsmFunctions.getParameter(GetParameterArgs.builder()
                .name(settings.architecture().ecsAmiParameter())
                .build(), InvokeOptions.builder().parent(this).build());
        var instanceTags = new LinkedHashMap<>(args.tags());
        instanceTags.put("Name", name);
        return new LaunchTemplate(name + "-launch-template", LaunchTemplateArgs.builder()
                .description("ECS-optimized Amazon Linux 2023 (%s) joining the cluster".formatted(settings.architecture().dockerPlatform()))
                .imageId(ami.applyValue(parameter -> parameter.value()))
                .iamInstanceProfile(LaunchTemplateIamInstanceProfileArgs.builder().arn(profile.arn()).build())
                .vpcSecurityGroupIds(securityGroup.id().applyValue(List::of))
                .userData(args.clusterName().applyValue(UserData::encoded))
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required") // IMDSv2 only
                        // One hop: the instance reaches IMDS, bridge-mode containers (one hop further) do not,
                        // so tasks cannot borrow the instance role.
                        .httpPutResponseHopLimit(1)
                        .build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName(ROOT_DEVICE)
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeSize(ROOT_VOLUME_GIB)
                                .volumeType("gp3")
                                .encrypted("true")
                                .deleteOnTermination("true")
                                .build())
                        .build())
                .monitoring(LaunchTemplateMonitoringArgs.builder().enabled(true).build())
                .tagSpecifications(
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("instance").tags(instanceTags).build(),
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("volume").tags(instanceTags).build())
                .updateDefaultVersion(true)
                .build(), options);
    }

    private Group autoScalingGroup(String name, CapacitySettings settings, Args args, LaunchTemplate launchTemplate) {
        var managedByCapacityProvider = settings.instanceScaling() == InstanceScaling.CAPACITY_PROVIDER;
        var tags = new ArrayList<GroupTagArgs>();
        args.tags().forEach((key, value) -> tags.add(propagated(key, value)));
        tags.add(propagated("Name", name));
        // ECS adds this tag itself once a capacity provider manages the group; declaring it keeps the diff quiet.
        tags.add(propagated("AmazonECSManaged", ""));

        var overrides = settings.instanceTypes().stream()
                .map(type -> GroupMixedInstancesPolicyLaunchTemplateOverrideArgs.builder().instanceType(type).build())
                .toList();
        // Scaling owns the desired capacity after creation; a deploy must not reset it.
        var options = CustomResourceOptions.builder().parent(this).ignoreChanges("desiredCapacity").build();
        var group = GroupArgs.builder()
                .vpcZoneIdentifiers(args.privateSubnetIds())
                .minSize(settings.minInstances())
                .maxSize(settings.maxInstances())
                .desiredCapacity(settings.minInstances())
                .capacityRebalance(true) // replace Spot instances at elevated interruption risk before they are reclaimed
                .healthCheckType("EC2")
                .healthCheckGracePeriod(HEALTH_CHECK_GRACE_SECONDS)
                // Managed termination protection only works when the group protects new instances from scale-in.
                .protectFromScaleIn(managedByCapacityProvider)
                // Terminate protected instances on destroy instead of waiting for a scale-in that never comes.
                .forceDelete(true)
                .metricsGranularity("1Minute")
                .enabledMetrics("GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances",
                        "GroupTerminatingInstances", "GroupTotalInstances")
                .mixedInstancesPolicy(GroupMixedInstancesPolicyArgs.builder()
                        .instancesDistribution(GroupMixedInstancesPolicyInstancesDistributionArgs.builder()
                                .onDemandBaseCapacity(settings.onDemandBaseCapacity())
                                .onDemandPercentageAboveBaseCapacity(settings.onDemandPercentageAboveBaseCapacity())
                                .spotAllocationStrategy(settings.spotAllocationStrategy().configValue())
                                .build())
                        .launchTemplate(GroupMixedInstancesPolicyLaunchTemplateArgs.builder()
                                .launchTemplateSpecification(GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecificationArgs.builder()
                                        .launchTemplateId(launchTemplate.id())
                                        .version(launchTemplate.latestVersion().applyValue(String::valueOf))
                                        .build())
                                .overrides(overrides)
                                .build())
                        .build())
                .tags(tags);
        if (settings.instanceRefresh()) {
            group.instanceRefresh(instanceRefresh());
        }
        return new Group(name + "-asg", group.build(), options);
    }

    /**
     * Rolls a new launch template version out to the running instances. The group names the version by number
     * ({@code latestVersion}), so a new AMI changes the group and the provider starts the refresh
     * (terraform-provider-aws docs, aws_autoscaling_group: "A refresh will not start when version = "$Latest"").
     * New instances come first (minimum healthy 100%, up to 150%), so the service keeps its capacity; instances
     * already on the version are skipped; instances ECS protects from scale-in (managed termination protection)
     * are replaced too, and ECS managed draining moves their tasks before they terminate.
     */
    private static GroupInstanceRefreshArgs instanceRefresh() {
        return GroupInstanceRefreshArgs.builder()
                .strategy("Rolling")
                .preferences(GroupInstanceRefreshPreferencesArgs.builder()
                        .minHealthyPercentage(REFRESH_MIN_HEALTHY_PERCENT)
                        .maxHealthyPercentage(REFRESH_MAX_HEALTHY_PERCENT)
                        .skipMatching(true)
                        .scaleInProtectedInstances("Refresh")
                        // a new instance boots and joins the cluster before the next one is replaced
                        .instanceWarmup(String.valueOf(HEALTH_CHECK_GRACE_SECONDS))
                        .build())
                .build();
    }

    private static GroupTagArgs propagated(String key, String value) {
        return GroupTagArgs.builder().key(key).value(value).propagateAtLaunch(true).build();
    }
}
