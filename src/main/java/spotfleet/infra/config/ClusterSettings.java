package spotfleet.infra.config;

import java.util.List;

/**
 * The shared cluster pieces: for now, how long the service's logs are kept.
 *
 * @param logRetentionDays one of the retention periods CloudWatch Logs accepts
 */
public record ClusterSettings(int logRetentionDays) {

    /** The retention periods CloudWatch Logs accepts (never-expire is left out on purpose: logs cost money). */
    public static final List<Integer> LOG_RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,
            400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    public ClusterSettings {
        var problems = new Problems();
        problems.check(LOG_RETENTION_DAYS.contains(logRetentionDays),
                "spotfleet:logRetentionDays (%d) must be one of CloudWatch Logs' retention periods: %s"
                        .formatted(logRetentionDays, LOG_RETENTION_DAYS.toString().replaceAll("[\\[\\]]", "")));
        problems.throwIfAny();
    }

    public static ClusterSettings defaults() {
        return new ClusterSettings(14);
    }
}
