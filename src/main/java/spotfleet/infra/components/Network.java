package spotfleet.infra.components;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.aws.ec2.inputs.RouteTableRouteArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesFilterArgs;
import com.pulumi.aws.outputs.GetAvailabilityZonesResult;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import spotfleet.infra.config.NatGateways;
import spotfleet.infra.config.NetworkSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The VPC: a public and a private subnet in each of {@code azCount} AZs (laid out by
 * {@link spotfleet.infra.config.SubnetLayout}), an internet gateway for the public ones, NAT
 * gateways that give the private ones outbound access without exposing them, and an S3 gateway endpoint on the private
 * route tables. With {@code natGateways: none} only the public subnets: the workloads live there with their own public
 * addresses ({@link #workloadsGetPublicIps}), and their security groups admit only the load balancer.
 */
public final class Network extends ComponentResource {

    @Export(name = "vpcId", refs = String.class)
    public final Output<String> vpcId;
    @Export(name = "publicSubnetIds", refs = {List.class, String.class}, tree = "[0,1]")
    public final Output<List<String>> publicSubnetIds;
    @Export(name = "privateSubnetIds", refs = {List.class, String.class}, tree = "[0,1]")
    public final Output<List<String>> privateSubnetIds;
    @Export(name = "availabilityZones", refs = {List.class, String.class}, tree = "[0,1]")
    public final Output<List<String>> availabilityZones;
    /** Where the instances (or Fargate tasks) go: the private subnets, or with {@code natGateways: none} the public ones. */
    @Export(name = "workloadSubnetIds", refs = {List.class, String.class}, tree = "[0,1]")
    public final Output<List<String>> workloadSubnetIds;
    /** The workloads need a public IPv4 address of their own to reach the internet (no NAT gateway). */
    public final boolean workloadsGetPublicIps;

    public Network(String name, NetworkSettings settings, ComponentResourceOptions options) {
        super("spotfleet:index:Network", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var layout = settings.subnetLayout();

        var vpc = new Vpc(name + "-vpc", VpcArgs.builder()
                .cidrBlock(settings.vpcCidr())
                .enableDnsSupport(true)
                .enableDnsHostnames(true) // ECS agents and SSM reach AWS endpoints by DNS name
                .tags(Map.of("Name", name + "-vpc"))
                .build(), child);

        // The default security group allows all traffic between its members: strip its rules so nothing uses it by accident.
        new DefaultSecurityGroup(name + "-default-sg", DefaultSecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .build(), child);

        var zones = availabilityZones(settings.azCount());
        var igw = new InternetGateway(name + "-igw", InternetGatewayArgs.builder()
                .vpcId(vpc.id())
                .tags(Map.of("Name", name + "-igw"))
                .build(), child);

        var publicRoutes = new RouteTable(name + "-public-rt", RouteTableArgs.builder()
                .vpcId(vpc.id())
                .routes(RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0").gatewayId(igw.id()).build())
                .tags(Map.of("Name", name + "-public"))
                .build(), child);

        var publicSubnets = new ArrayList<Subnet>();
        var privateSubnets = new ArrayList<Subnet>();
        var natGateways = new ArrayList<NatGateway>();
        for (int az = 0; az < settings.azCount(); az++) {
            var zone = zoneName(zones, az, settings.azCount());
            var publicSubnet = subnet(name + "-public-" + az, vpc, zone, layout.publicSubnet(az).toString(), child);
            publicSubnets.add(publicSubnet);
            associate(name + "-public-" + az, publicRoutes, publicSubnet, child);
            if (!settings.natGateways().privateSubnets()) {
                continue;
            }
            privateSubnets.add(subnet(name + "-private-" + az, vpc, zone, layout.privateSubnet(az).toString(), child));
            if (az == 0 || settings.natGateways() == NatGateways.PER_AZ) {
                natGateways.add(natGateway(name + "-nat-" + az, publicSubnet, igw, child));
            }
        }
        var privateRouteTables = new ArrayList<RouteTable>();
        for (int az = 0; az < privateSubnets.size(); az++) {
            // With a single NAT gateway every AZ's private route goes through the first AZ's.
            var nat = natGateways.get(Math.min(az, natGateways.size() - 1));
            var privateRoutes = new RouteTable(name + "-private-rt-" + az, RouteTableArgs.builder()
                    .vpcId(vpc.id())
                    .routes(RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0").natGatewayId(nat.id()).build())
                    .tags(Map.of("Name", name + "-private-" + az))
                    .build(), child);
            associate(name + "-private-" + az, privateRoutes, privateSubnets.get(az), child);
            privateRouteTables.add(privateRoutes);
        }
        if (!privateRouteTables.isEmpty()) {
            s3Endpoint(name, vpc, privateRouteTables, child);
        }

        this.vpcId = vpc.id();
        this.publicSubnetIds = Output.all(publicSubnets.stream().map(Subnet::id).toList());
        this.privateSubnetIds = Output.all(privateSubnets.stream().map(Subnet::id).toList());
        this.availabilityZones = Output.all(publicSubnets.stream().map(Subnet::availabilityZone).toList());
        this.workloadsGetPublicIps = !settings.natGateways().privateSubnets();
        this.workloadSubnetIds = workloadsGetPublicIps ? publicSubnetIds : privateSubnetIds;
        registerOutputs(Map.of(
                "vpcId", vpcId,
                "publicSubnetIds", publicSubnetIds,
                "privateSubnetIds", privateSubnetIds,
                "availabilityZones", availabilityZones,
                "workloadSubnetIds", workloadSubnetIds));
    }

    /** The region's AZs, leaving out Local and Wavelength Zones (opt-in zones an ALB or NAT gateway may not support). */
    private Output<GetAvailabilityZonesResult> availabilityZones(int azCount) {
        return AwsFunctions.getAvailabilityZones(GetAvailabilityZonesArgs.builder()
                .state("available")
                .filters(GetAvailabilityZonesFilterArgs.builder().name("opt-in-status").values("opt-in-not-required").build())
                .build(), InvokeOptions.builder().parent(this).build());
    }

    private static Output<String> zoneName(Output<GetAvailabilityZonesResult> zones, int az, int azCount) {
        return zones.applyValue(result -> {
            var names = result.names();
            if (names.size() < azCount) {
                throw new IllegalStateException("spotfleet:azCount (%d) is more than the %d Availability Zones this region offers (%s)"
                        .formatted(azCount, names.size(), String.join(", ", names)));
            }
            return names.get(az);
        });
    }

    private static Subnet subnet(String name, Vpc vpc, Output<String> zone, String cidr, CustomResourceOptions options) {
        return new Subnet(name, SubnetArgs.builder()
                .vpcId(vpc.id())
                .availabilityZone(zone)
                .cidrBlock(cidr)
                // Nothing gets an address by default: the ALB and NAT gateways bring their own, and without NAT the launch
                // template and the Fargate service ask for one explicitly.
                .mapPublicIpOnLaunch(false)
                .tags(Map.of("Name", name))
                .build(), options);
    }

    private static void associate(String name, RouteTable routes, Subnet subnet, CustomResourceOptions options) {
        new RouteTableAssociation(name + "-rta", RouteTableAssociationArgs.builder()
                .routeTableId(routes.id())
                .subnetId(subnet.id())
                .build(), options);
    }

    /**
     * A gateway endpoint for S3 on the private route tables: free ("There is no additional charge for using gateway
     * endpoints", Amazon VPC User Guide, Gateway endpoints), and ECR serves image layers from S3 ("Amazon ECR uses Amazon
     * S3 to store your image layers", Amazon ECR User Guide, Interface VPC endpoints, Create the Amazon S3 gateway
     * endpoint), so image pulls and the access and flow log traffic the stack's roles send to S3 skip NAT's per-GB data
     * processing charge. AWS's default endpoint policy (full access): it narrows nothing the NAT route allowed.
     */
    private void s3Endpoint(String name, Vpc vpc, List<RouteTable> routeTables, CustomResourceOptions options) {
        new VpcEndpoint(name + "-s3", VpcEndpointArgs.builder()
                .vpcId(vpc.id())
                .serviceName(AwsEnvironment.region(this).applyValue(region -> "com.amazonaws." + region + ".s3"))
                .vpcEndpointType("Gateway")
                .routeTableIds(Output.all(routeTables.stream().map(RouteTable::id).toList()))
                .tags(Map.of("Name", name + "-s3"))
                .build(), options);
    }

    private static NatGateway natGateway(String name, Subnet publicSubnet, InternetGateway igw, CustomResourceOptions options) {
        var ip = new Eip(name + "-eip", EipArgs.builder()
                .domain("vpc")
                .tags(Map.of("Name", name))
                .build(), options);
        // A NAT gateway only passes traffic once the VPC has its internet gateway.
        var afterIgw = CustomResourceOptions.merge(options, CustomResourceOptions.builder().dependsOn(igw).build());
        return new NatGateway(name, NatGatewayArgs.builder()
                .allocationId(ip.id())
                .subnetId(publicSubnet.id())
                .tags(Map.of("Name", name))
                .build(), afterIgw);
    }
}
