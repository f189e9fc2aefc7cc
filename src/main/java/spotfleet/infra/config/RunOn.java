package spotfleet.infra.config;

/** Where the service's tasks run: the stack's choice between its own Spot instances and Fargate Spot. */
public enum RunOn implements ConfigChoice {
    /** ECS container instances of the stack's Auto Scaling group, on-demand and Spot (the seed's machines). */
    EC2("ec2"),
    /** AWS Fargate: no instances; the {@code FARGATE} capacity provider holds the on-demand base, the rest is {@code FARGATE_SPOT}. */
    FARGATE("fargate");

    private final String configValue;

    RunOn(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
