package spotfleet.contract;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static spotfleet.contract.DocumentedConstraints.allOf;
import static spotfleet.contract.DocumentedConstraints.constraint;
import static spotfleet.contract.DocumentedConstraints.matches;
import static spotfleet.contract.DocumentedConstraints.member;

/** Elastic Load Balancing v2's documented-only constraints, quoted from botocore/data/elbv2/2015-12-01/service-2.json. */
final class ElbConstraints {

    /** At most 32 characters, alphanumerics and hyphens, not starting or ending with a hyphen. */
    static final String NAME = "(?=.{1,32}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
    /** How the attribute docs introduce each key: "deletion_protection.enabled - Indicates ...". */
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("([a-z0-9_]+(?:\\.[a-z0-9_]+)+) -");

    private ElbConstraints() {
    }

    static List<DocumentedConstraint> all(ServiceModels models) {
        var nameRule = "a name of at most 32 alphanumeric characters or hyphens, not beginning or ending with a hyphen";
        return List.of(
                constraint("elbv2", "CreateTargetGroupInput", "Name",
                        "can have a maximum of 32 characters, must contain only alphanumeric characters or hyphens, and "
                                + "must not begin or end with a hyphen.", matches(NAME, nameRule)),
                constraint("elbv2", "CreateLoadBalancerInput", "Name",
                        "can have a maximum of 32 characters, must contain only alphanumeric characters or hyphens, must "
                                + "not begin or end with a hyphen, and must not begin with \"internal-\".",
                        allOf(matches(NAME, nameRule), value -> String.valueOf(value).startsWith("internal-")
                                ? Violation.of("a load balancer name must not begin with \"internal-\"") : List.of())),
                constraint("elbv2", "Matcher", "HttpCode",
                        "For Application Load Balancers, you can specify values between 200 and 499, with the default value "
                                + "being 200. You can specify multiple values (for example, \"200,202\") or a range of values "
                                + "(for example, \"200-299\").", ElbConstraints::httpCodes),
                constraint("elbv2", "LoadBalancerAttribute", "",
                        "deletion_protection.enabled - Indicates whether deletion protection is enabled. The value is true or false.",
                        attribute(models, "LoadBalancerAttribute")),
                constraint("elbv2", "TargetGroupAttribute", "",
                        "deregistration_delay.timeout_seconds - The amount of time, in seconds, for Elastic Load Balancing to "
                                + "wait before changing the state of a deregistering target from draining to unused. The range is 0-3600 seconds.",
                        attribute(models, "TargetGroupAttribute")));
    }

    /** "200", "200,202" or "200-299", each code from 200 to 499 (Application Load Balancers). */
    private static List<Violation> httpCodes(Object value) {
        var text = String.valueOf(value);
        for (var part : text.split(",", -1)) {
            var bounds = part.split("-", -1);
            if (bounds.length > 2 || !java.util.Arrays.stream(bounds).allMatch(b -> b.matches("\\d{3}")
                    && Integer.parseInt(b) >= 200 && Integer.parseInt(b) <= 499)) {
                return Violation.of("\"%s\" is not HTTP codes from 200 to 499 as \"200\", \"200,202\" or \"200-299\"".formatted(text));
            }
        }
        return List.of();
    }

    /**
     * The key is one the model documents for this kind of attribute (read from the Key member's own documentation),
     * and the value fits what that documentation says of it: true or false, or a documented range in seconds.
     */
    private static java.util.function.Function<Object, List<Violation>> attribute(ServiceModels models, String shape) {
        var documented = documentedKeys(models.service("elbv2").shape(shape).memberDocumentation("Key"));
        return attribute -> {
            var key = String.valueOf(member(attribute, "Key").orElse(""));
            var value = String.valueOf(member(attribute, "Value").orElse(""));
            if (PlanResource.isComputed(key) || PlanResource.isComputed(value)) {
                return List.of();
            }
            if (!documented.contains(key)) {
                return Violation.at("Key", "\"%s\" is not an attribute the %s documentation lists".formatted(key, shape));
            }
            if (key.endsWith(".enabled") && !value.equals("true") && !value.equals("false")) {
                return Violation.at("Value", "%s takes true or false, not \"%s\"".formatted(key, value));
            }
            if (key.equals("deregistration_delay.timeout_seconds")
                    && !(value.matches("\\d{1,4}") && Integer.parseInt(value) <= 3600)) {
                return Violation.at("Value", "%s takes 0-3600 seconds, not \"%s\"".formatted(key, value));
            }
            return List.of();
        };
    }

    static Set<String> documentedKeys(String documentation) {
        var keys = new LinkedHashSet<String>();
        var matcher = ATTRIBUTE_KEY.matcher(documentation);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }
}
