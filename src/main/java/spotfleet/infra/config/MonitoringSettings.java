package spotfleet.infra.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who hears about the alarms and Spot events, and the one alarm threshold that depends on the service.
 *
 * @param alarmEmail            an address subscribed to the alert topic (it must confirm once); empty subscribes nobody
 * @param latencyP99ThresholdMs the target response time, in ms, the 99th percentile may not stay above
 */
public record MonitoringSettings(Optional<String> alarmEmail, int latencyP99ThresholdMs) {

    /** The load balancer's idle timeout: a target answering later than this is cut off anyway. */
    public static final int MAX_LATENCY_THRESHOLD_MS = ServiceSettings.LOAD_BALANCER_IDLE_TIMEOUT_SECONDS * 1000;
    /** A pragmatic check, not RFC 5322: one @, a local part without spaces, a host name after it. */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([^@\\s]+)");

    public MonitoringSettings {
        Objects.requireNonNull(alarmEmail, "alarmEmail");
        var problems = new Problems();
        alarmEmail.ifPresent(email -> problems.check(isEmailAddress(email),
                "spotfleet:alarmEmail (%s) is not an email address such as ops@example.com".formatted(email)));
        // latencyP99ThresholdMs: its bounds are declared with the key (StackConfig)
        problems.throwIfAny();
    }


    private static boolean isEmailAddress(String email) {
        var match = EMAIL.matcher(email);
        if (!match.matches()) {
            return false;
        }
        var local = email.substring(0, email.lastIndexOf('@'));
        var host = match.group(1);
        return !local.startsWith(".") && !local.endsWith(".") && !local.contains("..")
                && !host.endsWith(".") && DnsNames.isHostName(DnsNames.normalized(host));
    }
}
