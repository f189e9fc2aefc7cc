package spotfleet.contract;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How a Pulumi input's nested keys become AWS members where the provider does not simply match them by name:
 * renamed keys (Pulumi {@code fixedResponse} is ELB's {@code FixedResponseConfig}) and converted values (Pulumi's
 * {@code "true"} text for an EBS flag is a boolean to EC2). Other keys are matched to the shape's members by name,
 * ignoring case, which is what the Terraform schema's snake_case names come to.
 */
public final class Conversion {

    private final Map<String, String> renames = new HashMap<>();
    private final Map<String, Function<Object, Object>> values = new HashMap<>();

    public static Conversion byName() {
        return new Conversion();
    }

    /** The plan key {@code planKey}, wherever it appears, is the member {@code member}. */
    public Conversion rename(String planKey, String member) {
        renames.put(planKey, member);
        return this;
    }

    /** The value under the plan key {@code planKey}, wherever it appears, is sent as {@code convert} makes it. */
    public Conversion value(String planKey, Function<Object, Object> convert) {
        values.put(planKey, convert);
        return this;
    }

    String member(String planKey, Shape structure) {
        var renamed = renames.get(planKey);
        if (renamed != null) {
            return renamed;
        }
        if (structure != null) {
            for (var member : structure.members().keySet()) {
                if (member.equalsIgnoreCase(planKey)) {
                    return member;
                }
            }
            // Not in the model: spelled as the structure's own members are (EC2 Pascal, ECS camel), so the
            // finding (or allow-list entry) names what the provider would send.
            var pascal = structure.members().keySet().stream().findFirst().map(m -> Character.isUpperCase(m.charAt(0))).orElse(true);
            return pascal ? capitalize(planKey) : planKey;
        }
        return planKey;
    }

    Object value(String planKey, Object value) {
        var convert = values.get(planKey);
        return convert == null || PlanResource.isComputed(value) ? value : convert.apply(value);
    }

    static String capitalize(String key) {
        return key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }
}
