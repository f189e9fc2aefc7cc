package spotfleet.infra.config;

/** The Auto Scaling group's Spot allocation strategies, spelled as the EC2 API spells them. */
public enum SpotAllocationStrategy implements ConfigChoice {
    CAPACITY_OPTIMIZED("capacity-optimized"),
    PRICE_CAPACITY_OPTIMIZED("price-capacity-optimized"),
    CAPACITY_OPTIMIZED_PRIORITIZED("capacity-optimized-prioritized"),
    LOWEST_PRICE("lowest-price");

    private final String configValue;

    SpotAllocationStrategy(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
