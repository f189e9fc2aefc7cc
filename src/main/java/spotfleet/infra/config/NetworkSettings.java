package spotfleet.infra.config;

import java.util.Objects;

/**
 * The VPC: its block, how many AZs it spans and how its private subnets reach the internet.
 *
 * @param vpcCidr     a private (RFC 1918) block from /16 to /24
 * @param azCount     AZs to spread over, 2 to 6 (an ALB needs two)
 * @param natGateways one shared NAT gateway, one per AZ, or none (workloads in the public subnets with their own addresses)
 * @param flowLogs    where the flow log records of rejected traffic go
 */
public record NetworkSettings(String vpcCidr, int azCount, NatGateways natGateways, FlowLogDestination flowLogs) {

    public static final int MIN_AZ_COUNT = 2;
    public static final int MAX_AZ_COUNT = 6;

    public NetworkSettings {
        Objects.requireNonNull(vpcCidr, "vpcCidr");
        Objects.requireNonNull(natGateways, "natGateways");
        Objects.requireNonNull(flowLogs, "flowLogs");
        var problems = new Problems();
        problems.check(azCount >= MIN_AZ_COUNT && azCount <= MAX_AZ_COUNT,
                "spotfleet:azCount (%d) must be between %d and %d: an Application Load Balancer needs subnets in at least two Availability Zones"
                        .formatted(azCount, MIN_AZ_COUNT, MAX_AZ_COUNT));
        var cidr = Ipv4Cidr.parse(vpcCidr);
        if (cidr.isEmpty()) {
            problems.add("spotfleet:vpcCidr (%s) must be an IPv4 CIDR block such as 10.0.0.0/16".formatted(vpcCidr));
        } else {
            checkBlock(problems, vpcCidr, cidr.get(), azCount);
        }
        problems.throwIfAny();
    }

    /** Flow logs to CloudWatch Logs, the default. */
    public NetworkSettings(String vpcCidr, int azCount, NatGateways natGateways) {
        this(vpcCidr, azCount, natGateways, FlowLogDestination.CLOUD_WATCH_LOGS);
    }


    public SubnetLayout subnetLayout() {
        return new SubnetLayout(Ipv4Cidr.parse(vpcCidr).orElseThrow());
    }

    // Static: a compact constructor's fields are not assigned until it ends.
    private static void checkBlock(Problems problems, String vpcCidr, Ipv4Cidr cidr, int azCount) {
        if (!cidr.equals(cidr.network())) {
            problems.add("spotfleet:vpcCidr (%s) has host bits set: did you mean %s?".formatted(vpcCidr, cidr.network()));
        }
        if (!cidr.isPrivate()) {
            problems.add("spotfleet:vpcCidr (%s) must be a private block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"
                    .formatted(vpcCidr));
        }
        if (cidr.prefix() < 16 || cidr.prefix() > 24) {
            problems.add("spotfleet:vpcCidr (%s) must be a /16 to /24 block"
                    .formatted(vpcCidr));
            return;
        }
        var layout = new SubnetLayout(cidr);
        problems.check(azCount <= layout.maxAzCount(),
                "spotfleet:azCount (%d) needs %d subnets of at least /%d (the load balancer's minimum) but spotfleet:vpcCidr (%s) holds %d: use azCount <= %d or a larger block"
                        .formatted(azCount, 2 * azCount, SubnetLayout.ALB_MIN_SUBNET_PREFIX, vpcCidr,
                                2 * layout.maxAzCount(), layout.maxAzCount()));
    }
}
