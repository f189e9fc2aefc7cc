package spotfleet.infra.config;

/**
 * Whether the cluster publishes Container Insights metrics (CloudWatch bills them as custom metrics, plus the
 * performance log events behind them). Without it the too-few-tasks alarm and the dashboard count the tasks the load
 * balancer finds healthy instead (AWS/ApplicationELB HealthyHostCount, free).
 */
public enum ContainerInsights implements ConfigChoice {
    /** Task, service and instance metrics per minute (the cluster setting {@code containerInsights=enabled}). */
    ENABLED("enabled"),
    /** No Container Insights metrics: the basic AWS/ECS CPU and memory metrics only. */
    DISABLED("disabled");

    private final String configValue;

    ContainerInsights(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
