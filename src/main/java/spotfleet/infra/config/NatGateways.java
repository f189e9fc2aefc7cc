package spotfleet.infra.config;

/** How many NAT gateways carry the private subnets' outbound traffic. */
public enum NatGateways implements ConfigChoice {
    /** One NAT gateway in the first AZ: cheapest, but outbound traffic stops if that AZ fails. */
    SINGLE("single"),
    /** One NAT gateway per AZ: each AZ keeps its outbound path when another fails. */
    PER_AZ("perAz");

    private final String configValue;

    NatGateways(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
