package spotfleet.infra.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the usage-priced lines of the cost estimate assume a month brings, each printed beside the figure it makes: a
 * small service's traffic by default. A usage file ({@code ./plan dev --cost --usage usage.txt}) overrides any of them,
 * one {@code key: value} a line ({@code #} starts a comment); an unknown key or a value that is no number is refused.
 *
 * @param values  every assumption, by key
 * @param fromFile the keys the usage file set
 */
public record UsageAssumptions(Map<String, Double> values, java.util.Set<String> fromFile) {

    /** One assumption: its default and what it means. */
    record Assumption(double value, String meaning) {
    }

    static final Map<String, Assumption> DEFAULTS = defaults();

    private static Map<String, Assumption> defaults() {
        var defaults = new LinkedHashMap<String, Assumption>();
        defaults.put("natDataGb", new Assumption(10, "GB a month through the NAT gateways (image layers skip them: S3 endpoint)"));
        defaults.put("loadBalancerCapacityUnits", new Assumption(0.1, "LCUs the load balancer uses on average each hour"));
        defaults.put("serviceLogGb", new Assumption(1, "GB a month of service and fleet watch logs ingested"));
        defaults.put("flowLogGb", new Assumption(0.5, "GB a month of rejected-traffic flow log records"));
        defaults.put("logBucketGb", new Assumption(2, "GB kept in the log bucket (access logs, flow logs on S3)"));
        defaults.put("imageStorageGb", new Assumption(2, "GB of images kept in the repository"));
        defaults.put("containerInsightsMetrics", new Assumption(20,
                "custom metrics Container Insights publishes for the cluster, its service and task family"));
        defaults.put("containerInsightsLogGb", new Assumption(0.5, "GB a month of Container Insights performance log events"));
        defaults.put("fleetWatchSecondsPerRun", new Assumption(0.5, "seconds each fleet watch run takes"));
        return Map.copyOf(defaults);
    }

    public static UsageAssumptions defaultsOnly() {
        var values = new LinkedHashMap<String, Double>();
        DEFAULTS.forEach((key, assumption) -> values.put(key, assumption.value()));
        return new UsageAssumptions(values, java.util.Set.of());
    }

    /** The defaults with {@code file}'s values over them; throws naming every bad line. */
    public static UsageAssumptions read(Path file) throws IOException {
        var values = new LinkedHashMap<>(defaultsOnly().values());
        var set = new java.util.LinkedHashSet<String>();
        var problems = new ArrayList<String>();
        var number = 0;
        for (var line : Files.readAllLines(file)) {
            number++;
            var text = line.replaceAll("#.*", "").strip();
            if (text.isEmpty()) {
                continue;
            }
            var colon = text.indexOf(':');
            var key = colon < 0 ? text : text.substring(0, colon).strip();
            if (colon < 0 || !DEFAULTS.containsKey(key)) {
                problems.add("%s:%d: %s is not a usage key (known: %s)".formatted(file, number, key, String.join(", ", DEFAULTS.keySet())));
                continue;
            }
            try {
                var value = Double.parseDouble(text.substring(colon + 1).strip());
                if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                    throw new NumberFormatException();
                }
                values.put(key, value);
                set.add(key);
            } catch (NumberFormatException e) {
                problems.add("%s:%d: %s needs a number of at least 0, not %s".formatted(file, number, key, text.substring(colon + 1).strip()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new UsageAssumptions(values, java.util.Set.copyOf(set));
    }

    double get(String key) {
        var value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no usage assumption " + key);
        }
        return value;
    }

    /** {@code key = value (what it means; default or usage file)}, as the estimate prints it. */
    String describe(String key) {
        return "%s = %s (%s; %s)".formatted(key, CostEstimate.number(get(key)), DEFAULTS.get(key).meaning(),
                fromFile.contains(key) ? "usage file" : "default");
    }
}
