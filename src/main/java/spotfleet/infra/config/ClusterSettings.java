package spotfleet.infra.config;

import java.util.List;
import java.util.Objects;

/**
 * The shared cluster pieces: how long the service's logs are kept, and whether the cluster reports Container Insights.
 *
 * @param logRetentionDays  one of the retention periods CloudWatch Logs accepts
 * @param containerInsights the cluster's Container Insights setting
 */
public record ClusterSettings(int logRetentionDays, ContainerInsights containerInsights) {

    /** The retention periods CloudWatch Logs accepts (never-expire is left out on purpose: logs cost money). */
    public static final List<Integer> LOG_RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,
            400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    public ClusterSettings {
        Objects.requireNonNull(containerInsights, "containerInsights");
        var problems = new Problems();
        problems.check(LOG_RETENTION_DAYS.contains(logRetentionDays),
                "spotfleet:logRetentionDays (%d) must be one of CloudWatch Logs' retention periods: %s"
                        .formatted(logRetentionDays, LOG_RETENTION_DAYS.toString().replaceAll("[\\[\\]]", "")));
        problems.throwIfAny();
    }

    /** Container Insights on, the default. */
    public ClusterSettings(int logRetentionDays) {
        this(logRetentionDays, ContainerInsights.ENABLED);
    }

}
