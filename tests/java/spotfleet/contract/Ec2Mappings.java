package spotfleet.contract;

import java.util.List;

/**
 * EC2 and VPC resources, as hashicorp/terraform-provider-aws's {@code internal/service/ec2} creates them (the files are
 * named per type below); tags go into the create call's {@code TagSpecifications} (getTagSpecificationsIn).
 */
final class Ec2Mappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/ec2/";

    private Ec2Mappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:ec2/vpc:Vpc", DIR + "vpc_.go (resourceVPCCreate)", r -> {
            r.request("ec2", "CreateVpc").copy("cidrBlock", "CidrBlock").tags(Tags.specifications("vpc"));
            // Each DNS attribute is its own ModifyVpcAttribute call, made only when it differs from EC2's default.
            if (Boolean.TRUE.equals(r.input("enableDnsHostnames").orElse(false))) {
                r.request("ec2", "ModifyVpcAttribute").set("VpcId", PlanResource.COMPUTED, "the new VPC's id")
                        .copy("enableDnsHostnames", "EnableDnsHostnames.Value");
            } else {
                r.notSent("enableDnsHostnames", "false is EC2's default: no ModifyVpcAttribute call");
            }
            if (Boolean.FALSE.equals(r.input("enableDnsSupport").orElse(true))) {
                r.request("ec2", "ModifyVpcAttribute").set("VpcId", PlanResource.COMPUTED, "the new VPC's id")
                        .copy("enableDnsSupport", "EnableDnsSupport.Value");
            } else {
                r.notSent("enableDnsSupport", "true is EC2's default: no ModifyVpcAttribute call");
            }
        });
        mappings.add("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", DIR + "vpc_default_security_group.go", r -> {
            // Adopts the VPC's default group (found by filters), revokes its rules, tags it with CreateTags.
            r.request("ec2", "DescribeSecurityGroups")
                    .set("Filters[0].Name", "vpc-id", "provider: the filter it looks the group up by")
                    .copy("vpcId", "Filters[0].Values[0]")
                    .set("Filters[1].Name", "group-name", "provider: the filter it looks the group up by")
                    .set("Filters[1].Values[0]", "default", "provider: the default group's name");
            if (r.input("tags").isPresent()) {
                r.request("ec2", "CreateTags").set("Resources[0]", PlanResource.COMPUTED, "the group's id")
                        .tags(Tags.list("Tags", "Key", "Value"));
            }
        });
        mappings.add("aws:ec2/internetGateway:InternetGateway", DIR + "vpc_internet_gateway.go", r -> {
            r.request("ec2", "CreateInternetGateway").tags(Tags.specifications("internet-gateway"));
            r.request("ec2", "AttachInternetGateway").set("InternetGatewayId", PlanResource.COMPUTED, "the new gateway's id")
                    .copy("vpcId", "VpcId");
        });
        mappings.add("aws:ec2/routeTable:RouteTable", DIR + "vpc_route_table.go", r -> {
            r.request("ec2", "CreateRouteTable").copy("vpcId", "VpcId").tags(Tags.specifications("route-table"));
            var routes = r.input("routes").orElse(List.of());
            for (int i = 0; i < ((List<?>) routes).size(); i++) {
                var route = "routes[%d]".formatted(i);
                r.request("ec2", "CreateRoute").set("RouteTableId", PlanResource.COMPUTED, "the new table's id")
                        .copy(route + ".cidrBlock", "DestinationCidrBlock")
                        .copy(route + ".gatewayId", "GatewayId")
                        .copy(route + ".natGatewayId", "NatGatewayId");
            }
        });
        mappings.add("aws:ec2/subnet:Subnet", DIR + "vpc_subnet.go", r -> {
            r.request("ec2", "CreateSubnet").copy("availabilityZone", "AvailabilityZone").copy("cidrBlock", "CidrBlock")
                    .copy("vpcId", "VpcId").tags(Tags.specifications("subnet"));
            if (Boolean.TRUE.equals(r.input("mapPublicIpOnLaunch").orElse(false))) {
                r.request("ec2", "ModifySubnetAttribute").set("SubnetId", PlanResource.COMPUTED, "the new subnet's id")
                        .copy("mapPublicIpOnLaunch", "MapPublicIpOnLaunch.Value");
            } else {
                r.notSent("mapPublicIpOnLaunch", "false is EC2's default: no ModifySubnetAttribute call");
            }
        });
        mappings.add("aws:ec2/routeTableAssociation:RouteTableAssociation", DIR + "vpc_route_table_association.go", r ->
                r.request("ec2", "AssociateRouteTable").copy("routeTableId", "RouteTableId").copy("subnetId", "SubnetId"));
        mappings.add("aws:ec2/eip:Eip", DIR + "eip.go", r ->
                r.request("ec2", "AllocateAddress").copy("domain", "Domain").tags(Tags.specifications("elastic-ip")));
        mappings.add("aws:ec2/natGateway:NatGateway", DIR + "vpc_nat_gateway.go", r ->
                r.request("ec2", "CreateNatGateway").copy("allocationId", "AllocationId").copy("subnetId", "SubnetId")
                        .copy("connectivityType", "ConnectivityType").tags(Tags.specifications("natgateway")));
        mappings.add("aws:ec2/flowLog:FlowLog", DIR + "vpc_flow_log.go", r ->
                r.request("ec2", "CreateFlowLogs")
                        .copy("vpcId", "ResourceIds[0]")
                        .set("ResourceType", "VPC", "provider: the type of resource vpcId names")
                        .copy("iamRoleArn", "DeliverLogsPermissionArn")
                        .copy("logDestination", "LogDestination")
                        .copy("logDestinationType", "LogDestinationType")
                        .copy("maxAggregationInterval", "MaxAggregationInterval")
                        .copy("trafficType", "TrafficType")
                        .copy("logFormat", "LogFormat")
                        .tags(Tags.specifications("vpc-flow-log")));
        mappings.add("aws:ec2/vpcEndpoint:VpcEndpoint", DIR + "vpc_endpoint.go (resourceVPCEndpointCreate)", r ->
                r.request("ec2", "CreateVpcEndpoint").copy("vpcId", "VpcId").copy("serviceName", "ServiceName")
                        .copy("vpcEndpointType", "VpcEndpointType").copy("routeTableIds", "RouteTableIds")
                        .copy("policy", "PolicyDocument")
                        .set("PrivateDnsEnabled", false, "provider: private_dns_enabled, false unless set")
                        .tags(Tags.specifications("vpc-endpoint")));
        mappings.add("aws:ec2/securityGroup:SecurityGroup", DIR + "vpc_security_group.go (resourceSecurityGroupCreate)", r ->
                r.request("ec2", "CreateSecurityGroup").name("GroupName").copy("description", "Description")
                        .copy("vpcId", "VpcId").tags(Tags.specifications("security-group")));
        mappings.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", DIR + "vpc_security_group_ingress_rule.go", r ->
                securityGroupRule(r, "AuthorizeSecurityGroupIngress"));
        mappings.add("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", DIR + "vpc_security_group_egress_rule.go", r ->
                securityGroupRule(r, "AuthorizeSecurityGroupEgress"));
        mappings.add("aws:ec2/launchTemplate:LaunchTemplate", DIR + "ec2_launch_template.go (expandRequestLaunchTemplateData)", r -> {
            var data = Conversion.byName()
                    .rename("vpcSecurityGroupIds", "SecurityGroupIds")
                    // a network interface's security groups are its Groups (expandLaunchTemplateInstanceNetworkInterfaceSpecificationRequest)
                    .rename("securityGroups", "Groups")
                    .value("associatePublicIpAddress", Values::booleanText)                    .value("deleteOnTermination", Values::booleanText)
                    .value("encrypted", Values::booleanText)
                    .value("tags", tags -> Values.pairs(tags, "Key", "Value"));
            r.request("ec2", "CreateLaunchTemplate").name("LaunchTemplateName")
                    .copy("description", "VersionDescription")
                    .into("LaunchTemplateData", data, "blockDeviceMappings", "iamInstanceProfile", "imageId", "metadataOptions",
                            "monitoring", "tagSpecifications", "userData", "vpcSecurityGroupIds", "instanceType", "keyName",
                            "creditSpecification", "networkInterfaces")
                    .tags(Tags.specifications("launch-template"));
            r.notSent("updateDefaultVersion", "provider-side: on updates the provider makes the new version the default "
                    + "(ModifyLaunchTemplate); a boolean, not part of the create request");
        });
    }

    /**
     * One rule per resource: {@code IpPermissions[0]} with the peer as an IPv4 range or a security group pair, each
     * carrying the rule's description (expandIPPermission).
     */
    private static void securityGroupRule(ResourceRequests r, String operation) {
        var request = r.request("ec2", operation).copy("securityGroupId", "GroupId")
                .copy("ipProtocol", "IpPermissions[0].IpProtocol")
                .copy("fromPort", "IpPermissions[0].FromPort")
                .copy("toPort", "IpPermissions[0].ToPort")
                .copy("cidrIpv4", "IpPermissions[0].IpRanges[0].CidrIp")
                .copy("cidrIpv6", "IpPermissions[0].Ipv6Ranges[0].CidrIpv6")
                .copy("prefixListId", "IpPermissions[0].PrefixListIds[0].PrefixListId")
                .copy("referencedSecurityGroupId", "IpPermissions[0].UserIdGroupPairs[0].GroupId")
                .tags(Tags.specifications("security-group-rule"));
        var peer = r.input("cidrIpv4").isPresent() ? "IpRanges" : r.input("cidrIpv6").isPresent() ? "Ipv6Ranges"
                : r.input("prefixListId").isPresent() ? "PrefixListIds" : "UserIdGroupPairs";
        request.copy("description", "IpPermissions[0].%s[0].Description".formatted(peer));
    }
}
