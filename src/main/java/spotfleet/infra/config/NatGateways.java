package spotfleet.infra.config;

/**
 * How the instances (on Fargate, the tasks) reach the internet: through NAT gateways from private subnets, or with
 * public addresses of their own from the public subnets ({@link #NONE}).
 */
public enum NatGateways implements ConfigChoice {
    /** One NAT gateway in the first AZ: cheapest, but outbound traffic stops if that AZ fails. */
    SINGLE("single"),
    /** One NAT gateway per AZ: each AZ keeps its outbound path when another fails. */
    PER_AZ("perAz"),
    /**
     * No NAT gateway, no private subnets: instances (or Fargate tasks) sit in the public subnets with a public IPv4 address
     * each, out through the internet gateway; their security group still admits only the load balancer. AWS Copilot's
     * default for load-balanced web services. Cheapest; egress addresses are not stable and each is billed.
     */
    NONE("none");

    private final String configValue;

    NatGateways(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }

    /** Whether the workloads live in private subnets behind NAT (else in the public subnets with their own addresses). */
    public boolean privateSubnets() {
        return this != NONE;
    }
}
