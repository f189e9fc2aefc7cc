package spotfleet.infra.policy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.*;

/**
 * The instances: how they are launched (metadata service, addresses, disks) and how the Auto Scaling group keeps
 * Spot capacity spread and replaced.
 */
class ComputePolicyTest {

    /**
     * The metadata service answers one network hop away: the instance itself. Bridge-mode containers are a hop further
     * and so cannot read the instance role's credentials from it.
     */
    static final int METADATA_HOP_LIMIT = 1;
    /** The AL2023 ECS-optimized AMI's root device. */
    static final String ROOT_DEVICE = "/dev/xvda";

    @PolicyCheck
    void launchTemplateRequiresImdsV2(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var template : stack.each(LAUNCH_TEMPLATE)) {
            findings.require("required".equals(input(template, "metadataOptions.httpTokens")), template,
                    "metadataOptions.httpTokens is %s, not \"required\": IMDSv1 would answer unauthenticated GETs",
                    input(template, "metadataOptions.httpTokens"));
            findings.require("enabled".equals(input(template, "metadataOptions.httpEndpoint")), template,
                    "metadataOptions.httpEndpoint is %s, not \"enabled\" (the ECS agent needs the metadata service)",
                    input(template, "metadataOptions.httpEndpoint"));
        }
        // then
        findings.assertNone("instances answer metadata requests only with an IMDSv2 session token");
    }

    @PolicyCheck
    void launchTemplateLimitsMetadataToOneHop(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var template : stack.each(LAUNCH_TEMPLATE)) {
            var hops = input(template, "metadataOptions.httpPutResponseHopLimit");
            findings.require(hops instanceof Number n && n.intValue() == METADATA_HOP_LIMIT, template,
                    "metadataOptions.httpPutResponseHopLimit is %s, not %d: containers could take the instance role's credentials",
                    hops, METADATA_HOP_LIMIT);
        }
        // then
        findings.assertNone("the metadata service is out of the containers' reach");
    }

    @PolicyCheck
    void instancesGetAPublicIpOnlyWithoutNat(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var withoutNat = !stack.settings().network().natGateways().privateSubnets();
        // when
        for (var template : stack.each(LAUNCH_TEMPLATE)) {
            var interfaces = input(template, "networkInterfaces") instanceof List<?> list ? list : List.of();
            if (withoutNat) {
                // the one interface: a public address, and the instances' security group (which admits only the load balancer)
                findings.require(interfaces.size() == 1 && "true".equals(String.valueOf(((Map<?, ?>) interfaces.getFirst())
                        .get("associatePublicIpAddress"))), template, "has no NAT gateway to reach out through, yet its"
                        + " interfaces are %s", interfaces);
                findings.require(input(template, "vpcSecurityGroupIds") == null, template,
                        "sets vpcSecurityGroupIds beside a network interface, which EC2 refuses");
            } else {
                interfaces.stream().map(Map.class::cast)
                        .filter(nic -> !"false".equals(String.valueOf(nic.getOrDefault("associatePublicIpAddress", "false"))))
                        .forEach(nic -> findings.add(template, "a network interface has associatePublicIpAddress %s",
                                nic.get("associatePublicIpAddress")));
            }
        }
        for (var group : stack.each(AUTO_SCALING_GROUP)) {
            for (var subnetId : (List<?>) input(group, "vpcZoneIdentifiers")) {
                var subnet = stack.referencedBy(SUBNET, subnetId);
                findings.require(Boolean.FALSE.equals(input(subnet, "mapPublicIpOnLaunch")), group,
                        "launches into %s, which maps public IPs on launch (%s)", subnet.name(), input(subnet, "mapPublicIpOnLaunch"));
            }
        }
        // then
        findings.assertNone(withoutNat ? "without NAT each instance gets exactly one public address, on the interface its"
                + " security group guards" : "instances have private addresses only");
    }

    @PolicyCheck
    void rootVolumeIsEncrypted(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var template : stack.each(LAUNCH_TEMPLATE)) {
            var mappings = (List<?>) input(template, "blockDeviceMappings");
            findings.require(mappings != null && mappings.stream().map(Map.class::cast)
                    .anyMatch(m -> ROOT_DEVICE.equals(m.get("deviceName"))), template,
                    "does not map the root device %s, so it keeps the AMI's (unencrypted) settings", ROOT_DEVICE);
            for (var mapping : mappings == null ? List.of() : mappings) {
                var device = (Map<?, ?>) mapping;
                var ebs = (Map<?, ?>) device.get("ebs");
                findings.require(ebs != null && "true".equals(String.valueOf(ebs.get("encrypted"))), template,
                        "volume %s has encrypted %s", device.get("deviceName"), ebs == null ? null : ebs.get("encrypted"));
            }
        }
        // then
        findings.assertNone("every EBS volume an instance boots with is encrypted");
    }

    @PolicyCheck
    void autoScalingGroupSpansTwoOrMoreAzs(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var group : stack.each(AUTO_SCALING_GROUP)) {
            var zones = ((List<?>) input(group, "vpcZoneIdentifiers")).stream()
                    .map(subnetId -> input(stack.referencedBy(SUBNET, subnetId), "availabilityZone"))
                    .distinct()
                    .toList();
            findings.require(zones.size() >= 2, group, "launches into %d Availability Zone(s) %s; a Spot pool or an AZ running"
                    + " dry would take all capacity", zones.size(), zones);
        }
        // then
        findings.assertNone("instances spread over at least two Availability Zones");
    }

    @PolicyCheck
    void autoScalingGroupMixesTwoOrMoreInstanceTypes(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var group : stack.each(AUTO_SCALING_GROUP)) {
            var types = ((List<?>) input(group, "mixedInstancesPolicy.launchTemplate.overrides")).stream()
                    .map(override -> ((Map<?, ?>) override).get("instanceType"))
                    .distinct()
                    .toList();
            findings.require(types.size() >= 2, group, "launches %d instance type(s) %s: one Spot pool", types.size(), types);
        }
        // then
        findings.assertNone("Spot capacity comes from at least two instance types (pools)");
    }

    @PolicyCheck
    void capacityRebalanceIsOn(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var group : stack.each(AUTO_SCALING_GROUP)) {
            // the on-demand group has no Spot instance to rebalance
            if (Double.valueOf(100).equals(input(group, "mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity"))) {
                continue;
            }
            findings.require(Boolean.TRUE.equals(input(group, "capacityRebalance")), group,
                    "capacityRebalance is %s: Spot instances at elevated risk are not replaced before they are reclaimed",
                    input(group, "capacityRebalance"));
        }
        // then
        findings.assertNone("the group replaces Spot instances EC2 recommends rebalancing");
    }

    @PolicyCheck
    void autoScalingGroupLaunchesFromTheLaunchTemplate(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var group : stack.each(AUTO_SCALING_GROUP)) {
            findings.require(input(group, "launchConfiguration") == null, group,
                    "uses a launch configuration (%s), which cannot require IMDSv2 on every type", input(group, "launchConfiguration"));
            var templateId = input(group, "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.launchTemplateId");
            findings.require(stack.declared().all(LAUNCH_TEMPLATE).stream().anyMatch(t -> t.id().equals(templateId)), group,
                    "launches from %s, not a launch template these checks cover", templateId);
        }
        // then
        findings.assertNone("every instance is launched from the checked launch template");
    }

    @PolicyCheck
    void instancesDrainTasksBeforeSpotInterruptions(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var template : stack.each(LAUNCH_TEMPLATE)) {
            var script = new String(Base64.getDecoder().decode(String.valueOf(input(template, "userData"))), StandardCharsets.UTF_8);
            findings.require(script.contains("ECS_ENABLE_SPOT_INSTANCE_DRAINING=true"), template,
                    "user data does not set ECS_ENABLE_SPOT_INSTANCE_DRAINING=true: tasks would die with the instance");
        }
        for (var provider : stack.declared().all(CAPACITY_PROVIDER)) {
            findings.require("ENABLED".equals(input(provider, "autoScalingGroupProvider.managedDraining")), provider,
                    "managedDraining is %s: scale-in would terminate instances with tasks on them",
                    input(provider, "autoScalingGroupProvider.managedDraining"));
        }
        // then
        findings.assertNone("ECS moves tasks off an instance before it goes away");
    }
}
