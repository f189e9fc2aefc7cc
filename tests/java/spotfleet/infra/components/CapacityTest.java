package spotfleet.infra.components;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.InstanceScaling;
import spotfleet.infra.config.SpotAllocationStrategy;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.OfflineMocks;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

class CapacityTest {

    static final String X86_AMI_PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithACapacityProvider {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            // the seed's spot mix, with values other than the defaults so each can be traced to its key
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder()
                    .instanceTypes(List.of("m5.large", "m5a.large", "m6i.large"))
                    .onDemandTasks(2)
                    .spotAllocationStrategy(SpotAllocationStrategy.PRICE_CAPACITY_OPTIMIZED)
                    .minInstances(2)
                    .maxInstances(8)
                    .capacityTargetPercent(90)
                    .build()));
        }

        @Test
        void instancesMayOnlyJoinTheClusterAndBeReachedThroughSsm() {
            // given
            var role = stack.one(ROLE, "capacity-instance-role");
            // when
            var attached = stack.all(ROLE_POLICY_ATTACHMENT).stream()
                    .filter(a -> output(role, "name").equals(input(a, "role")))
                    .map(a -> input(a, "policyArn"))
                    .toList();
            // then
            assertThat(JsonParser.parseString((String) input(role, "assumeRolePolicy")).getAsJsonObject()
                    .getAsJsonArray("Statement").get(0).getAsJsonObject().getAsJsonObject("Principal").get("Service").getAsString())
                    .isEqualTo("ec2.amazonaws.com");
            assertThat(attached).containsExactlyInAnyOrder(
                    "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
                    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
            assertThat(role.inputs()).doesNotContainKeys("inlinePolicies", "managedPolicyArns");
            // the stack's path, which a source stack's pull grant names: on EC2 the agent may pull with this role
            assertThat(input(role, "path")).isEqualTo("/spotfleet/dev/");
            assertThat(input(stack.one(INSTANCE_PROFILE, "capacity-instance-profile"), "role")).isEqualTo(output(role, "name"));
        }

        @Test
        void instancesAdmitOnlyTheLoadBalancerOnTheEphemeralPorts() {
            // given
            var sg = stack.one(SECURITY_GROUP, "capacity-sg");
            // when
            var ingress = stack.all(INGRESS_RULE).stream().filter(r -> sg.id().equals(input(r, "securityGroupId"))).toList();
            // then
            assertThat(ingress).hasSize(1);
            assertThat(input(ingress.getFirst(), "referencedSecurityGroupId")).isEqualTo(stack.one(SECURITY_GROUP, "loadbalancer-sg").id());
            assertThat(input(ingress.getFirst(), "ipProtocol")).isEqualTo("tcp");
            assertThat(input(ingress.getFirst(), "fromPort")).isEqualTo(32768.0);
            assertThat(input(ingress.getFirst(), "toPort")).isEqualTo(65535.0);
            assertThat(ingress.getFirst().inputs()).doesNotContainKeys("cidrIpv4", "cidrIpv6", "prefixListId");
        }

        @Test
        void theLaunchTemplateRunsTheEcsOptimizedAmiHardened() {
            // given / when
            var template = stack.one(LAUNCH_TEMPLATE, "capacity-launch-template");
            // then
            assertThat(stack.invokes(GET_PARAMETER)).extracting(i -> i.args().get("name")).containsExactly(X86_AMI_PARAMETER);
            assertThat(input(template, "imageId")).isEqualTo(OfflineMocks.amiFor(X86_AMI_PARAMETER));
            assertThat(input(template, "metadataOptions")).isEqualTo(Map.of(
                    "httpEndpoint", "enabled", "httpTokens", "required", "httpPutResponseHopLimit", 1.0));
            assertThat(input(template, "blockDeviceMappings.0.deviceName")).isEqualTo("/dev/xvda");
            assertThat(input(template, "blockDeviceMappings.0.ebs")).isEqualTo(Map.of(
                    "volumeSize", 30.0, "volumeType", "gp3", "encrypted", "true", "deleteOnTermination", "true"));
            assertThat(input(template, "monitoring.enabled")).isEqualTo(true);
            assertThat(input(template, "iamInstanceProfile.arn")).isEqualTo(output(stack.one(INSTANCE_PROFILE, "capacity-instance-profile"), "arn"));
            assertThat(input(template, "vpcSecurityGroupIds")).isEqualTo(List.of(stack.one(SECURITY_GROUP, "capacity-sg").id()));
            assertThat(template.inputs()).doesNotContainKey("instanceType"); // the group's overrides choose it
            // m5/m6i are not burstable: no credit mode to pin
            assertThat(template.inputs()).doesNotContainKey("creditSpecification");
            // an AMI release does not change the template on the next deploy; taking one is its own step
            assertThat(template.ignoreChanges()).containsExactly("imageId");
        }

        @Test
        void userDataJoinsTheClusterAndDrainsOnSpotInterruptions() {
            // given
            var template = stack.one(LAUNCH_TEMPLATE, "capacity-launch-template");
            // when
            var script = new String(Base64.getDecoder().decode((String) input(template, "userData")), StandardCharsets.UTF_8);
            // then
            assertThat(script).startsWith("#!/bin/bash\n")
                    .contains("ECS_CLUSTER=" + output(stack.one(ECS_CLUSTER, "cluster-ecs"), "name") + "\n")
                    .contains("ECS_ENABLE_SPOT_INSTANCE_DRAINING=true\n")
                    .contains("ECS_RESERVED_MEMORY=256\n")
                    // once, not prefer-cached: the agent's image cleanup stays on
                    .contains("ECS_IMAGE_PULL_BEHAVIOR=once\n")
                    .doesNotContain("prefer-cached")
                    .contains(">> /etc/ecs/ecs.config");
        }

        @Test
        void instancesAndVolumesAreTaggedAtLaunch() {
            // given
            var template = stack.one(LAUNCH_TEMPLATE, "capacity-launch-template");
            var expected = Map.of("Project", "spotfleet", "Stack", "dev", "ManagedBy", "pulumi", "Name", "capacity");
            // when / then
            assertThat(input(template, "tagSpecifications")).isEqualTo(List.of(
                    Map.of("resourceType", "instance", "tags", expected),
                    Map.of("resourceType", "volume", "tags", expected)));
        }

        @Test
        void theSpotGroupIsAllSpotAndTheOnDemandGroupAllOnDemand() {
            // given
            var spot = stack.one(AUTO_SCALING_GROUP, "capacity-asg");
            // when
            var onDemand = stack.one(AUTO_SCALING_GROUP, "capacity-on-demand-asg");
            // then
            assertThat(input(spot, "mixedInstancesPolicy.instancesDistribution")).isEqualTo(Map.of(
                    "onDemandBaseCapacity", 0.0,
                    "onDemandPercentageAboveBaseCapacity", 0.0,
                    "spotAllocationStrategy", "price-capacity-optimized"));
            assertThat(input(onDemand, "mixedInstancesPolicy.instancesDistribution")).isEqualTo(Map.of(
                    "onDemandBaseCapacity", 0.0,
                    "onDemandPercentageAboveBaseCapacity", 100.0,
                    "onDemandAllocationStrategy", "prioritized"));
            var template = stack.one(LAUNCH_TEMPLATE, "capacity-launch-template");
            assertThat(List.of(spot, onDemand)).allSatisfy(group -> {
                assertThat(input(group, "mixedInstancesPolicy.launchTemplate.overrides")).isEqualTo(List.of(
                        Map.of("instanceType", "m5.large"), Map.of("instanceType", "m5a.large"), Map.of("instanceType", "m6i.large")));
                assertThat(input(group, "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification")).isEqualTo(Map.of(
                        "launchTemplateId", template.id(), "version", "1"));
            });
        }

        @Test
        void theOnDemandGroupStartsEmptyAndHoldsTwiceTheOnDemandTasksAtMost() {
            // given / when
            var onDemand = stack.one(AUTO_SCALING_GROUP, "capacity-on-demand-asg");
            // then: ECS sizes it to the base tasks; at worst one per instance, old and new during a deploy
            assertThat(input(onDemand, "minSize")).isEqualTo(0.0);
            assertThat(input(onDemand, "desiredCapacity")).isEqualTo(0.0);
            assertThat(input(onDemand, "maxSize")).isEqualTo(4.0);
            assertThat(input(onDemand, "capacityRebalance")).isEqualTo(false); // no Spot to rebalance
            assertThat(input(onDemand, "protectFromScaleIn")).isEqualTo(true);
            assertThat(input(onDemand, "tags.3")).isEqualTo(Map.of("key", "Name", "value", "capacity-on-demand", "propagateAtLaunch", true));
        }

        @Test
        void theLaunchTemplateComesAfterTheInstanceRolesPoliciesAndProfile() {
            // given
            var role = stack.one(ROLE, "capacity-instance-role");
            // when
            var template = stack.one(LAUNCH_TEMPLATE, "capacity-launch-template");
            // then: IAM is eventually consistent, so nothing launches before the role can do its work
            assertThat(template.dependsOn()).containsExactlyInAnyOrder(
                    "capacity-instance-ecs", "capacity-instance-ssm", "capacity-instance-profile");
            assertThat(List.of("capacity-instance-ecs", "capacity-instance-ssm")).allSatisfy(attachment ->
                    assertThat(input(stack.one(ROLE_POLICY_ATTACHMENT, attachment), "role")).isEqualTo(output(role, "name")));
            assertThat(input(template, "iamInstanceProfile.arn"))
                    .isEqualTo(output(stack.one(INSTANCE_PROFILE, "capacity-instance-profile"), "arn"));
        }

        @Test
        void aNewLaunchTemplateVersionIsRolledOutByAnInstanceRefreshThatKeepsCapacity() {
            // given
            var group = stack.one(AUTO_SCALING_GROUP, "capacity-asg");
            // when
            var refresh = input(group, "instanceRefresh");
            // then: launch before terminate, skip what already runs the version, replace (and ECS drains) protected ones
            assertThat(refresh).isEqualTo(Map.of("strategy", "Rolling", "preferences", Map.of(
                    "minHealthyPercentage", 100.0,
                    "maxHealthyPercentage", 150.0,
                    "skipMatching", true,
                    "scaleInProtectedInstances", "Refresh",
                    "instanceWarmup", "300")));
            // a version number, not "$Latest": only a changed version starts a refresh
            assertThat(input(group, "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.version"))
                    .isEqualTo(String.valueOf(output(stack.one(LAUNCH_TEMPLATE, "capacity-launch-template"), "latestVersion")));
        }

        @Test
        void theGroupSpansThePrivateSubnetsAndLeavesItsSizeToScaling() {
            // given / when
            var group = stack.one(AUTO_SCALING_GROUP, "capacity-asg");
            // then
            assertThat(input(group, "vpcZoneIdentifiers")).isEqualTo(List.of(
                    stack.one(SUBNET, "network-private-0").id(), stack.one(SUBNET, "network-private-1").id()));
            assertThat(input(group, "minSize")).isEqualTo(2.0);
            assertThat(input(group, "maxSize")).isEqualTo(8.0);
            assertThat(input(group, "desiredCapacity")).isEqualTo(2.0);
            assertThat(group.ignoreChanges()).containsExactly("desiredCapacity");
            assertThat(input(group, "capacityRebalance")).isEqualTo(true);
            assertThat(input(group, "healthCheckGracePeriod")).isEqualTo(300.0);
            assertThat(input(group, "forceDelete")).isEqualTo(true);
        }

        @Test
        void theGroupTagsItsInstancesAndCarriesTheEcsManagedTag() {
            // given / when
            var group = stack.one(AUTO_SCALING_GROUP, "capacity-asg");
            // then
            assertThat(input(group, "tags")).isEqualTo(List.of(
                    Map.of("key", "Project", "value", "spotfleet", "propagateAtLaunch", true),
                    Map.of("key", "Stack", "value", "dev", "propagateAtLaunch", true),
                    Map.of("key", "ManagedBy", "value", "pulumi", "propagateAtLaunch", true),
                    Map.of("key", "Name", "value", "capacity", "propagateAtLaunch", true),
                    Map.of("key", "AmazonECSManaged", "value", "", "propagateAtLaunch", true)));
        }

        @Test
        void eachGroupHasItsCapacityProviderThatScalesDrainsAndProtectsIt() {
            // given
            var spot = stack.one(AUTO_SCALING_GROUP, "capacity-asg");
            var onDemand = stack.one(AUTO_SCALING_GROUP, "capacity-on-demand-asg");
            // when
            var spotProvider = stack.one(CAPACITY_PROVIDER, "capacity-provider");
            var onDemandProvider = stack.one(CAPACITY_PROVIDER, "capacity-on-demand-provider");
            // then: Spot keeps the configured headroom and scales out a third of its maximum at once; on-demand runs full
            assertThat(input(spotProvider, "autoScalingGroupProvider")).isEqualTo(Map.of(
                    "autoScalingGroupArn", output(spot, "arn"),
                    "managedScaling", Map.of("status", "ENABLED", "targetCapacity", 90.0, "minimumScalingStepSize", 3.0,
                            "instanceWarmupPeriod", 300.0),
                    "managedTerminationProtection", "ENABLED",
                    "managedDraining", "ENABLED"));
            assertThat(input(onDemandProvider, "autoScalingGroupProvider")).isEqualTo(Map.of(
                    "autoScalingGroupArn", output(onDemand, "arn"),
                    "managedScaling", Map.of("status", "ENABLED", "targetCapacity", 100.0, "minimumScalingStepSize", 1.0,
                            "instanceWarmupPeriod", 300.0),
                    "managedTerminationProtection", "ENABLED",
                    "managedDraining", "ENABLED"));
            assertThat(input(spot, "protectFromScaleIn")).isEqualTo(true); // managed termination protection needs it
            assertThat(stack.all(AUTO_SCALING_POLICY)).isEmpty();
        }

        @Test
        void theClustersDefaultStrategyKeepsTheOnDemandTasksOnTheOnDemandProvider() {
            // given
            var spotName = output(stack.one(CAPACITY_PROVIDER, "capacity-provider"), "name");
            var onDemandName = output(stack.one(CAPACITY_PROVIDER, "capacity-on-demand-provider"), "name");
            // when
            var association = stack.one(CLUSTER_CAPACITY_PROVIDERS, "capacity-cluster-providers");
            // then
            assertThat(input(association, "clusterName")).isEqualTo(output(stack.one(ECS_CLUSTER, "cluster-ecs"), "name"));
            assertThat(input(association, "capacityProviders")).isEqualTo(List.of(onDemandName, spotName));
            assertThat(input(association, "defaultCapacityProviderStrategies")).isEqualTo(List.of(
                    Map.of("capacityProvider", onDemandName, "weight", 0.0, "base", 2.0),
                    Map.of("capacityProvider", spotName, "weight", 1.0)));
        }

        @Test
        void theServicePlacesItsOnDemandTasksOnTheOnDemandProviderAndTheRestOnSpot() {
            // given
            var spotName = output(stack.one(CAPACITY_PROVIDER, "capacity-provider"), "name");
            var onDemandName = output(stack.one(CAPACITY_PROVIDER, "capacity-on-demand-provider"), "name");
            // when
            var service = stack.one(ECS_SERVICE, "web-service");
            // then
            assertThat(input(service, "capacityProviderStrategies")).isEqualTo(List.of(
                    Map.of("capacityProvider", onDemandName, "weight", 0.0, "base", 2.0),
                    Map.of("capacityProvider", spotName, "weight", 1.0)));
            assertThat(service.inputs()).doesNotContainKey("launchType");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithoutOnDemandTasks {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder()
                    .onDemandTasks(0).build()));
        }

        @Test
        void thereIsNoOnDemandGroupAndTheStrategyIsSpotAlone() {
            // given
            var spotName = output(stack.one(CAPACITY_PROVIDER, "capacity-provider"), "name");
            // when
            var service = stack.one(ECS_SERVICE, "web-service");
            // then
            assertThat(stack.all(AUTO_SCALING_GROUP)).extracting(r -> r.name()).containsExactly("capacity-asg");
            assertThat(stack.all(CAPACITY_PROVIDER)).hasSize(1);
            assertThat(input(service, "capacityProviderStrategies")).isEqualTo(List.of(
                    Map.of("capacityProvider", spotName, "weight", 1.0)));
        }

        @Test
        void burstableTypesArePinnedToStandardCredits() {
            // given: the defaults, t3/t3a/t2 only
            // when
            var template = stack.one(LAUNCH_TEMPLATE, "capacity-launch-template");
            // then
            assertThat(input(template, "creditSpecification")).isEqualTo(Map.of("cpuCredits", "standard"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithAPinnedAmi {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder()
                    .ecsAmiId("ami-0123456789abcdef0").build()));
        }

        @Test
        void theTemplateRunsThePinnedAmiAndAChangeToItIsApplied() {
            // given / when
            var template = stack.one(LAUNCH_TEMPLATE, "capacity-launch-template");
            // then: no lookup, and no ignoreChanges: a new id in the stack file is a deploy of its own
            assertThat(input(template, "imageId")).isEqualTo("ami-0123456789abcdef0");
            assertThat(stack.invokes(GET_PARAMETER)).isEmpty();
            assertThat(template.ignoreChanges()).isEmpty();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithCpuTargetTracking {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder()
                    .instanceScaling(InstanceScaling.CPU).onDemandTasks(0).instanceCpuTarget(65).build()));
        }

        @Test
        void theGroupTracksAverageCpu() {
            // given
            var group = stack.one(AUTO_SCALING_GROUP, "capacity-asg");
            // when
            var policy = stack.one(AUTO_SCALING_POLICY, "capacity-cpu-target");
            // then
            assertThat(input(policy, "autoscalingGroupName")).isEqualTo(output(group, "name"));
            assertThat(input(policy, "policyType")).isEqualTo("TargetTrackingScaling");
            assertThat(input(policy, "targetTrackingConfiguration")).isEqualTo(Map.of(
                    "predefinedMetricSpecification", Map.of("predefinedMetricType", "ASGAverageCPUUtilization"),
                    "targetValue", 65.0));
        }

        @Test
        void theInstanceRefreshIsOnHereToo() {
            // given / when / then
            assertThat(input(stack.one(AUTO_SCALING_GROUP, "capacity-asg"), "instanceRefresh.strategy")).isEqualTo("Rolling");
        }

        @Test
        void thereIsNoCapacityProviderAndNoScaleInProtection() {
            // given / when / then
            assertThat(stack.all(CAPACITY_PROVIDER)).isEmpty();
            assertThat(stack.all(CLUSTER_CAPACITY_PROVIDERS)).isEmpty();
            assertThat(input(stack.one(AUTO_SCALING_GROUP, "capacity-asg"), "protectFromScaleIn")).isEqualTo(false);
        }
    }

    @Test
    void withInstanceRefreshOffRunningInstancesKeepTheirLaunchTemplateVersion() {
        // given
        var stack = DeclaredStack.of(StackSettings.defaults().toBuilder().instanceRefresh(false).build());
        // when
        var group = stack.one(AUTO_SCALING_GROUP, "capacity-asg");
        // then
        assertThat(group.inputs()).doesNotContainKey("instanceRefresh");
        assertThat(stack.one(LAUNCH_TEMPLATE, "capacity-launch-template").dependsOn()).hasSize(3);
    }
}
