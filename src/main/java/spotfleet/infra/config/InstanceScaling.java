package spotfleet.infra.config;

/** What grows and shrinks the Auto Scaling group. */
public enum InstanceScaling implements ConfigChoice {
    /** An ECS capacity provider with managed scaling: instances follow the tasks that need placing. */
    CAPACITY_PROVIDER("capacityProvider"),
    /** The seed's ASG target tracking on average CPU: instances follow load, not placement. */
    CPU("cpu");

    private final String configValue;

    InstanceScaling(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
