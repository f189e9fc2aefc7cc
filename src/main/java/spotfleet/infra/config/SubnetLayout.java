package spotfleet.infra.config;

/**
 * Where each subnet sits in the VPC block. The block is cut into 16 equal slots (a /16 gives /20s);
 * public subnets take slots 0-7 and private subnets slots 8-15, one of each per AZ, so changing
 * {@code azCount} adds or removes subnets without moving the others. Slots are never smaller than
 * /27, the smallest subnet an Application Load Balancer accepts, so a /24 gives 8 slots of /27 and
 * room for 4 AZs.
 */
public record SubnetLayout(Ipv4Cidr vpc) {

    /** The smallest subnet an Application Load Balancer accepts. */
    static final int ALB_MIN_SUBNET_PREFIX = 27;
    private static final int SLOT_BITS = 4;

    public int subnetPrefix() {
        return Math.min(vpc.prefix() + SLOT_BITS, ALB_MIN_SUBNET_PREFIX);
    }

    /** How many AZs fit: each takes one slot in each half. */
    public int maxAzCount() {
        return (1 << (subnetPrefix() - vpc.prefix())) / 2;
    }

    public Ipv4Cidr publicSubnet(int az) {
        return vpc.subnet(subnetPrefix(), az);
    }

    public Ipv4Cidr privateSubnet(int az) {
        return vpc.subnet(subnetPrefix(), maxAzCount() + az);
    }
}
