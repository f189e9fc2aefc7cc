package spotfleet.infra.config;

/** Where the VPC's flow log records of rejected traffic go. */
public enum FlowLogDestination implements ConfigChoice {
    /** A log group of the stack: searchable at once with Logs Insights; vended-log ingestion is the dearer of the two. */
    CLOUD_WATCH_LOGS("cloudWatchLogs"),
    /**
     * The stack's log bucket (the one the load balancer's access logs go to), under {@code flowlogs/}: about half the
     * ingestion price, read with Athena or by downloading; expired after the log retention like the access logs.
     */
    S3("s3");

    private final String configValue;

    FlowLogDestination(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
