package spotfleet.infra.config;

/** What the service's task count tracks. */
public enum ServiceScalingMetric implements ConfigChoice {
    /** The service's average CPU (ECSServiceAverageCPUUtilization), held at serviceCpuTarget percent. */
    CPU("cpu"),
    /**
     * Requests the load balancer sends each task per minute (ALBRequestCountPerTarget), held at serviceRequestsPerTarget:
     * for services that wait on I/O, whose CPU says little about load.
     */
    REQUESTS("requests");

    private final String configValue;

    ServiceScalingMetric(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
