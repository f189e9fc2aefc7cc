package spotfleet.infra.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Host names as Route 53 and ACM take them: compared in lower case, without the root's trailing dot. */
final class DnsNames {

    /** RFC 1035: at most 253 characters written out, labels of 1 to 63 letters, digits and inner hyphens. */
    private static final int MAX_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");

    private DnsNames() {
    }

    /** {@code App.Example.com.} and {@code app.example.com} are the same name; this is the second spelling. */
    static String normalized(String name) {
        var lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** A name of at least two labels whose last label is not a number (that would be an IPv4 address). */
    static boolean isHostName(String normalized) {
        if (normalized.isEmpty() || normalized.length() > MAX_LENGTH) {
            return false;
        }
        var labels = normalized.split("\\.", -1);
        if (labels.length < 2 || ALL_DIGITS.matcher(labels[labels.length - 1]).matches()) {
            return false;
        }
        for (var label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is {@code zone} itself or a name below it. */
    static boolean isWithin(String name, String zone) {
        return name.equals(zone) || name.endsWith("." + zone);
    }
}
