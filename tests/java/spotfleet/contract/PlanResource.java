package spotfleet.contract;

import spotfleet.infra.offline.OfflineMocks;
import spotfleet.infra.plan.ComputedValues;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource of a stack's JSON plan ({@code ./plan <stack> --json}), as the check reads it.
 *
 * @param stack  the stack it belongs to
 * @param type   the Pulumi type token, e.g. {@code aws:ec2/securityGroup:SecurityGroup}
 * @param name   the logical name
 * @param kind   {@code resource} or {@code component}
 * @param inputs the inputs, JSON values as Java maps, lists, strings, doubles and booleans
 */
public record PlanResource(String stack, String type, String name, String kind, Map<String, Object> inputs) {

    public static final String COMPUTED = ComputedValues.MARKER;

    /** The value at {@code path} ({@code healthCheck.path}, {@code overrides[2].instanceType}), if the plan has one. */
    public Optional<Object> input(String path) {
        Object value = inputs;
        for (var step : PlanPaths.steps(path)) {
            value = switch (value) {
                case Map<?, ?> map when step instanceof String key -> map.get(key);
                case List<?> list when step instanceof Integer index && index < list.size() -> list.get(index);
                case null, default -> null;
            };
            if (value == null) {
                return Optional.empty();
            }
        }
        return Optional.of(value);
    }

    /** The name Pulumi would give this resource when the program sets none: {@code <logical name>-<7 hex digits>}. */
    public String autoName() {
        return OfflineMocks.autoName(type, name);
    }

    /** {@code dev: aws:ec2/securityGroup:SecurityGroup loadbalancer-sg}: how findings name it. */
    public String label() {
        return "%s: %s %s".formatted(stack, type, name);
    }

    public static boolean isComputed(Object value) {
        return value instanceof String text && text.contains(COMPUTED);
    }
}
