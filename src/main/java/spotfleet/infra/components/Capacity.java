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
import com.pulumi.aws.ec2.inputs.LaunchTemplateCreditSpecificationArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateIamInstanceProfileArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMonitoringArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateNetworkInterfaceArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.aws.ecs.CapacityProvider;
import com.pulumi.aws.ecs.CapacityProviderArgs;
import com.pulumi.aws.ecs.ClusterCapacityProviders;
import com.pulumi.aws.ecs.ClusterCapacityProvidersArgs;
import com.pulumi.aws.ecs.inputs.CapacityProviderAutoScalingGroupProviderArgs;
import com.pulumi.aws.ecs.inputs.CapacityProviderAutoScalingGroupProviderManagedScalingArgs;
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
 * The machines (the seed's machines.yml): ECS-optimized Amazon Linux 2023 instances in the private subnets (with
 * {@code natGateways: none} the public ones, each with its own public IPv4 address), reachable only from the load balancer. With ECS capacity providers (the default) two Auto Scaling groups over one launch
 * template: a Spot group across the configured instance types, and an on-demand group that ECS sizes to exactly the
 * service's on-demand tasks ({@link CapacityStrategy}); each scaled by its own capacity provider. With CPU scaling one
 * Spot group, scaled by its average CPU.
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
    /**
     * ECS managed scaling counts a new instance in its metric only after this warm-up ("The period of time, in seconds,
     * after a newly launched Amazon EC2 instance can contribute to CloudWatch metrics for Auto Scaling group. If this
     * parameter is omitted, the default value of 300 seconds is used", botocore ecs, ManagedScaling.instanceWarmupPeriod).
     * The same allowance for boot and join as everywhere else ({@link #HEALTH_CHECK_GRACE_SECONDS}): shorter, an instance
     * still booting would not count yet, and ECS would launch another step.
     */
    static final int INSTANCE_WARMUP_SECONDS = HEALTH_CHECK_GRACE_SECONDS;
    /** The on-demand group runs exactly the instances its base tasks need: its tasks are never interrupted. */
    static final int ON_DEMAND_TARGET_PERCENT = 100;
    /** An instance refresh launches replacements before it terminates anything, at most half the group more at once. */
    static final int REFRESH_MIN_HEALTHY_PERCENT = 100;
    static final int REFRESH_MAX_HEALTHY_PERCENT = 150;

    /**
     * What the machines need from the other components.
     *
     * @param rolePath the IAM path of the instance role, the stack's ({@link PullPrincipals#rolePath}): on EC2 the agent
     *                 may pull images with the instance role, so a repository's pull grant must match it too
     * @param subnetIds where the instances launch: the private subnets, or the public ones without NAT
     * @param publicIp  each instance gets a public IPv4 address (no NAT gateway): its only way to ECS, ECR and SSM
     * @param tags     tags every instance and volume carries (ASG-launched instances do not get the provider's default tags)
     */
    public record Args(
            String rolePath,
            Output<String> clusterName,
            Output<String> vpcId,
            Output<List<String>> subnetIds,
            boolean publicIp,
            Output<String> loadBalancerSecurityGroupId,
            Map<String, String> tags) {
    }

    /** The Spot group: where interruptions happen, which FleetWatch and the Spot alerts watch. */
    @Export(name = "autoScalingGroupName", refs = String.class)
    public final Output<String> autoScalingGroupName;
    @Export(name = "autoScalingGroupArn", refs = String.class)
    public final Output<String> autoScalingGroupArn;
    @Export(name = "securityGroupId", refs = String.class)
    public final Output<String> securityGroupId;
    @Export(name = "launchTemplateId", refs = String.class)
    public final Output<String> launchTemplateId;
    /** The on-demand group, present when ECS keeps tasks on on-demand capacity ({@code onDemandTasks} above 0). */
    public final Optional<Output<String>> onDemandGroupName;
    /** How the service places its tasks on the two groups; empty when {@code instanceScaling} is {@code cpu} (launch type EC2). */
    public final Optional<CapacityStrategy> strategy;
    /** The service's tasks here: on these groups' instances, of the instance types' one architecture. */
    public final TaskPlacement.OnInstances placement;

    public Capacity(String name, CapacitySettings.OnEc2 settings, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:Capacity", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var role = IamRoles.assumedBy(name + "-instance-role", "ec2.amazonaws.com",
                "ECS container instances: join the cluster, pull images, be reachable through SSM", args.rolePath(), child);
        var ecsPolicy = IamRoles.attachManaged(name + "-instance-ecs", role, "service-role/AmazonEC2ContainerServiceforEC2Role",
                this, child);
        var ssmPolicy = IamRoles.attachManaged(name + "-instance-ssm", role, "AmazonSSMManagedInstanceCore", this, child);
        var profile = new InstanceProfile(name + "-instance-profile", InstanceProfileArgs.builder()
                .role(role.name())
                .build(), child);

        var securityGroup = instanceSecurityGroup(name, args, child);
        // An instance whose role has no policies yet cannot register with ECS, and its agent does not retry for long:
        // the launch template (and so every launch) comes after the policies and the profile.
        var afterIam = CustomResourceOptions.builder().parent(this).dependsOn(ecsPolicy, ssmPolicy, profile);
        if (settings.ecsAmiId().isEmpty()) {
            // The recommended AMI is read at creation and kept: a release would otherwise change the template on the next
            // deploy, whose rollout its instance refresh would then drain (docs/operations.md, "Taking a new ECS AMI").
            afterIam.ignoreChanges("imageId");
        }
        var launchTemplate = launchTemplate(name, settings, args, profile, securityGroup, afterIam.build());
        var capacityProvider = settings.instanceScaling() == InstanceScaling.CAPACITY_PROVIDER;
        var spotGroup = autoScalingGroup(name, new GroupShape(name, settings.minInstances(), settings.maxInstances(), false,
                capacityProvider), settings, args, launchTemplate);
        // Only when tasks must run there: with none, the group would sit empty.
        var onDemandGroup = capacityProvider && settings.onDemandTasks() > 0
                ? Optional.of(autoScalingGroup(name + "-on-demand", new GroupShape(name + "-on-demand", 0,
                        onDemandMaxInstances(settings.onDemandTasks()), true, true), settings, args, launchTemplate))
                : Optional.<Group>empty();

        if (capacityProvider) {
            var spotProvider = capacityProvider(name + "-provider", spotGroup, settings.capacityTargetPercent(),
                    spotScalingStep(settings), child);
            var onDemandProvider = onDemandGroup.map(group ->
                    capacityProvider(name + "-on-demand-provider", group, ON_DEMAND_TARGET_PERCENT, 1, child));
            var strategy = CapacityStrategy.onDemandBaseThenSpot(onDemandProvider.map(CapacityProvider::name), spotProvider.name(),
                    settings.onDemandTasks());
            var providers = new ArrayList<Output<String>>();
            onDemandProvider.ifPresent(provider -> providers.add(provider.name()));
            providers.add(spotProvider.name());
            new ClusterCapacityProviders(name + "-cluster-providers", ClusterCapacityProvidersArgs.builder()
                    .clusterName(args.clusterName())
                    .capacityProviders(Output.all(providers))
                    .defaultCapacityProviderStrategies(strategy.forCluster())
                    .build(), child);
            this.strategy = Optional.of(strategy);
        } else {
            new Policy(name + "-cpu-target", PolicyArgs.builder()
                    .autoscalingGroupName(spotGroup.name())
                    .policyType("TargetTrackingScaling")
                    .targetTrackingConfiguration(PolicyTargetTrackingConfigurationArgs.builder()
                            .predefinedMetricSpecification(PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs.builder()
                                    .predefinedMetricType("ASGAverageCPUUtilization")
                                    .build())
                            .targetValue((double) settings.instanceCpuTarget())
                            .build())
                    .build(), child);
            this.strategy = Optional.empty();
        }

        this.autoScalingGroupName = spotGroup.name();
        this.autoScalingGroupArn = spotGroup.arn();
        this.onDemandGroupName = onDemandGroup.map(Group::name);
        this.placement = new TaskPlacement.OnInstances(this, settings.instanceTypes(), settings.architecture());
        this.securityGroupId = securityGroup.id();
        this.launchTemplateId = launchTemplate.id();
        var outputs = new LinkedHashMap<String, Output<?>>(Map.of(
                "autoScalingGroupName", autoScalingGroupName,
                "autoScalingGroupArn", autoScalingGroupArn,
                "securityGroupId", securityGroupId,
                "launchTemplateId", launchTemplateId));
        onDemandGroupName.ifPresent(group -> outputs.put("onDemandGroupName", group));
        registerOutputs(outputs);
    }

    /**
     * What tells the two groups apart.
     *
     * @param onDemand on-demand only (else Spot only)
     * @param managed  scaled by an ECS capacity provider: new instances are protected from scale-in, so that ECS's managed
     *                 termination protection releases only instances that run no task
     */
    private record GroupShape(String instanceName, int minSize, int maxSize, boolean onDemand, boolean managed) {
    }

    /**
     * The on-demand group's ceiling: one instance per on-demand task at worst (the smallest type may hold only one), twice
     * over, since a deploy (maximum 200%) starts the new base tasks before it stops the old ones.
     */
    static int onDemandMaxInstances(int onDemandTasks) {
        return 2 * onDemandTasks;
    }

    /**
     * The Spot provider's scale-out step: a third of the group's maximum, the wave docs/interruption-timeline.md plans
     * for. With several instance types or AZs (always, here) "Amazon ECS will scale up by the exact minimum scaling step
     * size value and will ignore both the maximum scaling step size as well as the capacity demand" (ECS API reference,
     * ManagedScaling, minimumScalingStepSize), one step per warm-up; at the default of 1 a wave of three instances takes
     * three warm-ups. The price: every scale-out, a small one too, launches the whole step, and managed scaling releases
     * the instances left empty afterwards.
     */
    static int spotScalingStep(CapacitySettings.OnEc2 settings) {
        return Math.max(1, (settings.maxInstances() + 2) / 3);
    }

    /** An ECS capacity provider for {@code group}, with managed scaling, termination protection and draining. */
    private static CapacityProvider capacityProvider(String name, Group group, int targetPercent, int minimumStep,
                                                     CustomResourceOptions options) {
        return new CapacityProvider(name, CapacityProviderArgs.builder()
                .autoScalingGroupProvider(CapacityProviderAutoScalingGroupProviderArgs.builder()
                        .autoScalingGroupArn(group.arn())
                        .managedScaling(CapacityProviderAutoScalingGroupProviderManagedScalingArgs.builder()
                                .status("ENABLED")
                                .targetCapacity(targetPercent)
                                .minimumScalingStepSize(minimumStep)
                                .instanceWarmupPeriod(INSTANCE_WARMUP_SECONDS)
                                .build())
                        // ECS keeps instances that still run tasks from being scaled in, and drains them first.
                        .managedTerminationProtection("ENABLED")
                        .managedDraining("ENABLED")
                        .build())
                .build(), options);
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

    private LaunchTemplate launchTemplate(String name, CapacitySettings.OnEc2 settings, Args args, InstanceProfile profile,
                                          SecurityGroup securityGroup, CustomResourceOptions options) {
        var ami = settings.ecsAmiId().map(Output::of).orElseGet(() -> SsmFunctions.getParameter(GetParameterArgs.builder()
                .name(settings.architecture().ecsAmiParameter())
                .build(), InvokeOptions.builder().parent(this).build()).applyValue(parameter -> parameter.value()));
        var instanceTags = new LinkedHashMap<>(args.tags());
        instanceTags.put("Name", name);
        var template = LaunchTemplateArgs.builder()
                .description("ECS-optimized Amazon Linux 2023 (%s) joining the cluster".formatted(settings.architecture().dockerPlatform()))
                .imageId(ami)
                .iamInstanceProfile(LaunchTemplateIamInstanceProfileArgs.builder().arn(profile.arn()).build())
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
                .updateDefaultVersion(true);
        if (args.publicIp()) {
            // Without NAT the instance's own address is its way out. The security group then goes on the interface
            // (botocore ec2, RequestLaunchTemplateData.SecurityGroupIds: "If you specify a network interface, you must
            // specify any security groups as part of the network interface instead of using this parameter").
            template.networkInterfaces(LaunchTemplateNetworkInterfaceArgs.builder()
                    .deviceIndex(0)
                    .associatePublicIpAddress("true")
                    .deleteOnTermination("true")
                    .securityGroups(securityGroup.id().applyValue(List::of))
                    .build());
        } else {
            template.vpcSecurityGroupIds(securityGroup.id().applyValue(List::of));
        }
        if (settings.allBurstable()) {
            // T3, T3a and T4g launch unlimited unless told otherwise, and sustained load is then billed as surplus
            // credits (EC2 User Guide, burstable performance instances); standard throttles to the baseline instead.
            template.creditSpecification(LaunchTemplateCreditSpecificationArgs.builder().cpuCredits("standard").build());
        }
        return new LaunchTemplate(name + "-launch-template", template.build(), options);
    }

    private Group autoScalingGroup(String name, GroupShape shape, CapacitySettings.OnEc2 settings, Args args,
                                  LaunchTemplate launchTemplate) {
        var tags = new ArrayList<GroupTagArgs>();
        args.tags().forEach((key, value) -> tags.add(propagated(key, value)));
        tags.add(propagated("Name", shape.instanceName()));
        // ECS adds this tag itself once a capacity provider manages the group; declaring it keeps the diff quiet.
        tags.add(propagated("AmazonECSManaged", ""));

        var overrides = settings.instanceTypes().stream()
                .map(type -> GroupMixedInstancesPolicyLaunchTemplateOverrideArgs.builder().instanceType(type).build())
                .toList();
        var distribution = GroupMixedInstancesPolicyInstancesDistributionArgs.builder()
                .onDemandBaseCapacity(0);
        if (shape.onDemand()) {
            // the first listed type that has capacity, as Spot's prioritised strategies read the same list
            distribution.onDemandPercentageAboveBaseCapacity(100).onDemandAllocationStrategy("prioritized");
        } else {
            distribution.onDemandPercentageAboveBaseCapacity(0).spotAllocationStrategy(settings.spotAllocationStrategy().configValue());
        }
        // Scaling owns the desired capacity after creation; a deploy must not reset it.
        var options = CustomResourceOptions.builder().parent(this).ignoreChanges("desiredCapacity").build();
        var group = GroupArgs.builder()
                .vpcZoneIdentifiers(args.subnetIds())
                .minSize(shape.minSize())
                .maxSize(shape.maxSize())
                .desiredCapacity(shape.minSize())
                // Spot only: replace instances at elevated interruption risk before they are reclaimed
                .capacityRebalance(!shape.onDemand())
                .healthCheckType("EC2")
                .healthCheckGracePeriod(HEALTH_CHECK_GRACE_SECONDS)
                // Managed termination protection only works when the group protects new instances from scale-in.
                .protectFromScaleIn(shape.managed())
                // Terminate protected instances on destroy instead of waiting for a scale-in that never comes.
                .forceDelete(true)
                .metricsGranularity("1Minute")
                .enabledMetrics("GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances",
                        "GroupTerminatingInstances", "GroupTotalInstances")
                .mixedInstancesPolicy(GroupMixedInstancesPolicyArgs.builder()
                        .instancesDistribution(distribution.build())
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
